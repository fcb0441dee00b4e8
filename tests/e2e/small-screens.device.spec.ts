import type { Page } from '@playwright/test';
import { makeConversation } from '../support/conversations';
import { sessionCookie } from '../support/seed-network';
import { expect, test, waitForServiceWorker } from './fixtures';
import { expectNoViolations, SCREEN_SIZES } from './axe';
import { recordConversations, seedForManagers, signInAs } from './manage-seed';
import { CapturePage } from './pages/capture-page';
import { SetupPage } from './pages/setup-page';

const [PHONE, TABLET] = SCREEN_SIZES;
const at = (size: { width: number }) => (size.width < 640 ? 'on a phone' : 'on a tablet');

/** Records every layout shift from the start of the next load, as Lighthouse counts them (not those just after input). */
async function watchLayoutShifts(page: Page) {
  await page.addInitScript(() => {
    const shifts: number[] = [];
    (window as unknown as { __shifts: number[] }).__shifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
        if (!entry.hadRecentInput) shifts.push(entry.value);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** The layout shifts seen since the load (watchLayoutShifts). */
async function layoutShifts(page: Page): Promise<number[]> {
  // Shifts are reported after the frame they happen in: two frames later every one is in.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts);
}

async function height(page: Page, locator: ReturnType<Page['locator']>) {
  const box = await locator.boundingBox();
  expect(box, 'shown on screen').not.toBeNull();
  return box!.height;
}

test('on a phone the Menu button opens and closes the menu; wider, the menu shows without one', async ({ page, server }) => {
  await page.setViewportSize(PHONE);
  await SetupPage.leeds(page, server);
  const menuButton = page.getByRole('button', { name: 'Menu' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();
  await expect(page.getByRole('button', { name: 'Switch worker' })).toBeHidden();
  // The button names what it opens.
  const controls = await menuButton.getAttribute('aria-controls');
  await expect(page.locator(`#${controls}`).getByRole('navigation', { name: 'Main', includeHidden: true })).toBeAttached();

  await menuButton.click();
  await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  await expect(nav.getByRole('link', { name: 'My conversations' })).toBeVisible();
  await expect(page.getByText('Recording as Amina')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Switch worker' })).toBeVisible();
  await expectNoViolations(page, 'the menu open on a phone');
  await menuButton.click();
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();

  // A link followed closes the menu on the page it opens.
  await menuButton.click();
  await nav.getByRole('link', { name: 'This device' }).click();
  await expect(page.getByRole('heading', { name: 'This device', level: 1 })).toBeVisible();
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();

  await page.setViewportSize(TABLET);
  await expect(menuButton).toBeHidden();
  await expect(nav.getByRole('link', { name: 'Record a conversation' })).toBeVisible();
  await expect(page.getByText('Recording as Amina')).toBeVisible();
});

for (const size of SCREEN_SIZES) {
  test(`menu links and header buttons are at least 44 px tall ${at(size)}`, async ({ page, server }) => {
    await page.setViewportSize(size);
    await SetupPage.leeds(page, server);
    const menuButton = page.getByRole('button', { name: 'Menu' });
    if (size === PHONE) {
      expect(await height(page, menuButton)).toBeGreaterThanOrEqual(44);
      await menuButton.click();
    }
    const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
    expect(await links.count()).toBeGreaterThan(4);
    for (const link of await links.all()) expect(await height(page, link), await link.innerText()).toBeGreaterThanOrEqual(44);
    expect(await height(page, page.getByRole('button', { name: 'Switch worker' }))).toBeGreaterThanOrEqual(44);
    expect(await height(page, page.getByRole('button', { name: 'Sync now' }))).toBeGreaterThanOrEqual(44);
  });
}

test('the header and sync bar take under a fifth of a phone’s first screen', async ({ page, server }) => {
  await page.setViewportSize(PHONE);
  await SetupPage.leeds(page, server);
  await expect(page.getByTestId('waiting-count')).toHaveText('All synced');
  const bar = await page.getByRole('region', { name: 'Sync' }).boundingBox();
  const header = await page.getByRole('banner').boundingBox();
  expect(header!.y).toBe(0);
  expect(bar!.y + bar!.height, 'bottom of the sync bar').toBeLessThan(0.2 * PHONE.height);
  await expect(new CapturePage(page).heading).toBeInViewport();
});

for (const size of SCREEN_SIZES) {
  test(`the sync state is one line when the signal goes mid-sync ${at(size)}`, async ({ page, context, network, server }) => {
    await page.setViewportSize(size);
    await SetupPage.leeds(page, server);
    const capture = new CapturePage(page);
    const bar = page.getByRole('region', { name: 'Sync' });
    const line = bar.getByTestId('sync-line');
    await expect(line).toHaveText(/^All synced · last at \d\d:\d\d$/);
    await waitForServiceWorker(context, page);

    // The push is on its way when the venue's signal goes.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route('**/api/sync/push', async (route) => {
      await held;
      await route.continue().catch(() => undefined);
    });
    await capture.record({ ward: 'Armley', loves: 'Recorded as the signal went' });
    await expect(line).toHaveText(/^Syncing… sending [01] of 1$/);
    await expect(bar.getByRole('progressbar')).toBeVisible();
    await network.goOffline();
    release();

    // One status, one thing said: not "Syncing…", "sending", "All synced" and "offline" together.
    await expect(line).toHaveText('1 waiting to sync · offline, saved here');
    await expect(bar.getByRole('status')).toHaveCount(1);
    await expect(bar.getByRole('progressbar')).toHaveCount(0);
    await expect(bar.getByRole('alert')).toHaveCount(0);
    await expect(bar).not.toContainText('Syncing');
    await expect(bar).not.toContainText('All synced');
    await expect(bar.getByRole('button', { name: 'Sync now' })).toBeEnabled();
    const box = (await line.boundingBox())!;
    const lineHeight = await line.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
    expect(box.height, 'the line wraps to two lines at most').toBeLessThanOrEqual(2 * lineHeight + 1);

    await context.unroute('**/api/sync/push');
    await network.goOnline();
    await expect(line).toHaveText(/^All synced · last at \d\d:\d\d$/);
  });
}

for (const size of SCREEN_SIZES) {
  test(`the sync bar and network name cause no layout shift ${at(size)}`, async ({ page, server }) => {
    await page.setViewportSize(size);
    await SetupPage.leeds(page, server);
    await expect(page.getByTestId('waiting-count')).toHaveText('All synced');
    await watchLayoutShifts(page);
    await page.reload();
    await expect(page.getByTestId('waiting-count')).toHaveText('All synced');
    await expect(page.getByRole('banner')).toContainText('Leeds');
    await expect(new CapturePage(page).heading).toBeVisible();
    const shifts = await layoutShifts(page);
    expect(shifts.reduce((sum, value) => sum + value, 0), `layout shifts ${JSON.stringify(shifts)}`).toBeLessThan(0.05);
  });
}

for (const size of SCREEN_SIZES) {
  test(`in a browser new to the app, the page does not move when the menu's links arrive ${at(size)}`, async ({ page, server, seeded }) => {
    await page.setViewportSize(size);
    await page.context().addCookies([sessionCookie(seeded.people.coordinator, server.url)]);
    await watchLayoutShifts(page);
    await page.goto('/enrol');
    await expect(page.getByRole('button', { name: 'Enrol this tablet' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Your account', includeHidden: true })).toBeAttached();
    await expect(page.getByRole('banner')).toContainText('Leeds');
    expect(await layoutShifts(page), 'nothing moves, not even a little').toEqual([]);
  });
}

for (const size of SCREEN_SIZES) {
  test(`settings tables fit the screen, Archive and Remove on screen, stacked rows on a phone ${at(size)}`, async ({ page, server }) => {
    const seeded = await seedForManagers(server, async (store, { network }) => {
      await store.addEvent(network.id, { name: 'Armley Tuesday drop-in at the community centre', date: '2026-11-24', place: 'Armley Library, Town Street' });
      await store.saveWardIndicator(network.id, {
        name: 'Index of Multiple Deprivation 2019, average rank (population weighted)',
        source: 'English Indices of Deprivation 2019 (MHCLG), OGL v3.0',
        lowerIsMoreDeprived: true,
        values: [{ code: 'E05011385', value: 4592 }]
      });
    });
    await page.setViewportSize(size);
    await signInAs(page.context(), seeded.people.coordinator, server.url);

    for (const [path, table, button] of [
      ['/settings', 'Current listening events', 'Archive Armley Tuesday drop-in at the community centre'],
      ['/settings/indicators', 'Indicators anchors can see', 'Remove Index of Multiple Deprivation 2019, average rank (population weighted)']
    ]) {
      await page.goto(path);
      const action = page.getByRole('button', { name: button });
      await expect(action).toBeVisible();
      const box = (await action.boundingBox())!;
      expect(box.x, `${button} starts on screen`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${button} ends on screen`).toBeLessThanOrEqual(size.width);
      expect(box.height).toBeGreaterThanOrEqual(44);
      const shown = page.getByRole('table', { name: table });
      expect(await shown.evaluate((el) => el.scrollWidth <= el.parentElement!.clientWidth), 'no sideways scroll').toBe(true);
      const display = await shown.evaluate((el) => getComputedStyle(el).display);
      expect(display).toBe(size === PHONE ? 'block' : 'table');
      if (size === PHONE) {
        // Each value after its column's name, the column headings read by screen readers only.
        const labels = await shown.locator('td[data-label]').evaluateAll((cells) => cells.map((cell) => getComputedStyle(cell, '::before').content));
        expect(labels.length).toBeGreaterThan(1);
        for (const label of labels) expect(label).toMatch(/^".+: "$/);
        expect(await shown.locator('thead').evaluate((el) => el.getBoundingClientRect().width)).toBeLessThanOrEqual(1);
      }
      await expectNoViolations(page, `${path} ${at(size)}`);
    }
    await page.goto('/settings/boundaries');
    const chooser = page.getByLabel('Ward boundary file');
    expect(await height(page, chooser)).toBeGreaterThanOrEqual(44);
    if (size === PHONE) expect((await chooser.boundingBox())!.width).toBeGreaterThan(PHONE.width - 60);
  });
}

test('on a phone the wards table scrolls sideways in its own labelled, focusable box, and says so', async ({ page, server }) => {
  const seeded = await seedForManagers(server, async (store, { network, tablet, workers }) => {
    await recordConversations(store, network.id, tablet, workers.amina.id, [makeConversation({ wardCode: 'E05011385', recordedAt: '2026-11-20T10:30:00.000Z' })]);
  });
  await page.setViewportSize(PHONE);
  await signInAs(page.context(), seeded.people.coordinator, server.url);
  await page.goto('/wards');
  const region = page.getByRole('region', { name: 'Conversations per ward and charter theme' });
  await expect(region).toBeVisible();
  await expect(region).toHaveAttribute('tabindex', '0');
  expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth), 'the table is wider than the phone').toBe(true);
  await expect(page.getByText('Scroll the table sideways to see every theme.')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'the page itself does not scroll sideways').toBeLessThanOrEqual(PHONE.width);
  await region.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  await expectNoViolations(page, 'wards on a phone');
});

for (const size of SCREEN_SIZES) {
  test(`Wards and Settings offline say so and offer what works offline ${at(size)}`, async ({ page, context, network, server }) => {
    await page.setViewportSize(size);
    await SetupPage.leeds(page, server);
    await expect(page.getByTestId('waiting-count')).toHaveText('All synced');
    await waitForServiceWorker(context, page);
    await network.goOffline();

    for (const path of ['/wards', '/settings', '/settings/workers', '/audit']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { name: 'You’re offline', level: 1 })).toBeVisible();
      await expect(page.getByText('This page needs a connection to the server.')).toBeVisible();
      await expect(page.getByText('Sorry, this page could not be shown')).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
    }
    const offline = page.getByRole('main');
    for (const name of ['Record a conversation', 'My conversations', 'This device', 'Map (figures as last seen online)']) {
      await expect(offline.getByRole('link', { name })).toBeVisible();
    }
    await expectNoViolations(page, `offline page ${at(size)}`);
    await offline.getByRole('link', { name: 'Record a conversation' }).click();
    await expect(new CapturePage(page).heading).toBeVisible();

    // Online again, but the server is down (restarting): said as that; Try again opens the page once it is back.
    await network.signalBack();
    await page.goto('/wards');
    await expect(page.getByRole('heading', { name: 'The server cannot be reached', level: 1 })).toBeVisible();
    await server.start();
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { name: 'Conversations by ward' })).toBeVisible();
  });
}
