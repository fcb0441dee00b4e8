import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIRequestContext, Page } from '@playwright/test';
import { BLUES_5, NO_CONVERSATIONS_FILL, OUTSIDE_FILTER_FILL } from '../../src/lib/map/choropleth';
import type { AppServer } from '../support/app-server';
import { makeConversation } from '../support/conversations';
import type { SeededNetwork } from '../support/seed-network';
import { withServerStore } from '../support/server-database';
import { INDICATOR_FILES, WARD_FILES } from '../support/shared-data';
import { expect, test, waitForServiceWorker } from './fixtures';
import { expectNoViolations } from './axe';
import { IndicatorsPage } from './pages/indicators-page';
import { dateInput, fillDate } from './pages/date-input';
import { MapPage } from './pages/map-page';
import { SetupPage } from './pages/setup-page';
import { pushConversations } from './push-conversations';

const ARMLEY = 'E05011385';
const HEADINGLEY = 'E05011397';
const ROUNDHAY = 'E05011411';
const KIRKSTALL = 'E05011402';
const WORK = 'Widening Access to Quality Work';
const ATTACK = '<img src=x onerror="window.__mapXss=1">';
const HEALTH = 'Tackling Health Inequalities';


async function themeIds(request: APIRequestContext): Promise<Record<string, string>> {
  const { themes } = await (await request.get('/api/reference')).json();
  return Object.fromEntries(themes.map((t: { id: string; name: string }) => [t.name, t.id]));
}

/**
 * Armley: 2 in June, both about work (100 %). Headingley: 4 in October, 1 about work, 3 about
 * health (25 % work). Roundhay: 1 in October about health only (0 % work). Kirkstall: none.
 */
async function syncLeedsConversations(request: APIRequestContext, server: AppServer, seeded: SeededNetwork) {
  // These tests are about the colour classes: every share shows, as in a network whose coordinator
  // set the minimum of conversations for a share to 1 (map-at-a-glance.screen.spec.ts tests the minimum).
  await withServerStore(server, (store) => store.setMapMinimumConversations(seeded.network.id, 1));
  const theme = await themeIds(request);
  const june = '2026-06-10T10:00:00.000Z';
  const october = '2026-10-10T10:00:00.000Z';
  await pushConversations(server.url, seeded, [
    makeConversation({ wardCode: ARMLEY, recordedAt: june, themeIds: [theme[WORK]] }),
    makeConversation({ wardCode: ARMLEY, recordedAt: june, themeIds: [theme[WORK], theme[HEALTH]] }),
    makeConversation({ wardCode: HEADINGLEY, recordedAt: october, themeIds: [theme[WORK]] }),
    ...[1, 2, 3].map(() => makeConversation({ wardCode: HEADINGLEY, recordedAt: october, themeIds: [theme[HEALTH]] })),
    makeConversation({ wardCode: ROUNDHAY, recordedAt: october, themeIds: [theme[HEALTH]] })
  ]);
}

test('the chosen theme colours the right wards; theme, dates and measure change the colours, the table and the URL', async ({ page, server }) => {
  const seeded = await SetupPage.leeds(page, server);
  await syncLeedsConversations(page.request, server, seeded);
  const map = new MapPage(page);
  await map.open();

  // By share of conversations about the first theme, the default.
  await expect(map.ward(ARMLEY)).toHaveAttribute('fill', BLUES_5[4]);
  await expect(map.ward(HEADINGLEY)).toHaveAttribute('fill', BLUES_5[1]);
  await expect(map.ward(ROUNDHAY)).toHaveAttribute('fill', BLUES_5[0]);
  await expect(map.ward(KIRKSTALL)).toHaveAttribute('fill', NO_CONVERSATIONS_FILL);
  await expect(map.status).toContainText(`7 conversations in 3 wards; 3 about ${WORK}.`);
  expect(await map.rowNames()).toEqual(['Armley', 'Headingley & Hyde Park', 'Roundhay']); // most first
  expect(await map.row('Armley')).toMatchObject({ Ward: 'Armley', Conversations: '2', [`About ${WORK}`]: '2', Share: '100%' });
  expect(await map.row('Headingley & Hyde Park')).toMatchObject({ Conversations: '4', [`About ${WORK}`]: '1', Share: '25%' });

  await map.chooseTheme(HEALTH);
  await expect(map.ward(ROUNDHAY)).toHaveAttribute('fill', BLUES_5[4]);
  await expect(map.ward(HEADINGLEY)).toHaveAttribute('fill', BLUES_5[3]);
  await expect(map.ward(ARMLEY)).toHaveAttribute('fill', BLUES_5[2]);
  expect(await map.row('Headingley & Hyde Park')).toMatchObject({ [`About ${HEALTH}`]: '3', Share: '75%' });

  await fillDate(page, 'From', '2026-10-01');
  await expect(map.ward(ARMLEY)).toHaveAttribute('fill', NO_CONVERSATIONS_FILL);
  await expect(map.status).toContainText(`5 conversations in 2 wards; 4 about ${HEALTH}.`);
  expect(await map.row('Armley')).toBeNull();

  await page.getByLabel('Number of conversations about the theme').check();
  await expect(map.ward(HEADINGLEY)).toHaveAttribute('fill', BLUES_5[3]); // 3, in bands 0, 1, 2, 3, 4
  await expect(map.ward(ROUNDHAY)).toHaveAttribute('fill', BLUES_5[1]);
  await expect(page.getByRole('heading', { name: `Conversations about ${HEALTH}` })).toBeVisible();

  // The URL holds the view: shared, it opens the same map.
  await expect(page).toHaveURL(/[?&]from=2026-10-01/);
  await expect(page).toHaveURL(/[?&]measure=count/);
  await page.reload();
  await expect(map.ward(HEADINGLEY)).toHaveAttribute('fill', BLUES_5[3]);
  await expect(map.ward(ARMLEY)).toHaveAttribute('fill', NO_CONVERSATIONS_FILL);
  await expect(page.getByLabel('Theme', { exact: true })).toHaveValue((await themeIds(page.request))[HEALTH]);
  const fromDate = dateInput(page, 'From');
  await expect(fromDate.day).toHaveValue('1');
  await expect(fromDate.month).toHaveValue('10');
  await expect(fromDate.year).toHaveValue('2026');

  // The table sorts by any column, saying which to assistive technology.
  expect(await map.rowNames()).toEqual(['Headingley & Hyde Park', 'Roundhay']);
  await expect(page.getByRole('columnheader', { name: `About ${HEALTH}` })).toHaveAttribute('aria-sort', 'descending');
  await page.getByRole('button', { name: 'Ward', exact: true }).click();
  await expect(page.getByRole('columnheader', { name: 'Ward', exact: true })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByRole('columnheader', { name: `About ${HEALTH}` })).not.toHaveAttribute('aria-sort');
  expect(await map.rowNames()).toEqual(['Headingley & Hyde Park', 'Roundhay']);
  await page.getByRole('button', { name: 'Ward', exact: true }).click();
  await expect(page.getByRole('columnheader', { name: 'Ward', exact: true })).toHaveAttribute('aria-sort', 'descending');
  expect(await map.rowNames()).toEqual(['Roundhay', 'Headingley & Hyde Park']);
  await fillDate(page, 'From', '2027-01-01');
  await expect(page.getByText('No conversations match these filters.')).toBeVisible();
});

test('with a ward indicator uploaded, the map shows only the most deprived 20 % of wards when asked', async ({ page, server }) => {
  const seeded = await SetupPage.leeds(page, server);
  await syncLeedsConversations(page.request, server, seeded);
  const map = new MapPage(page);
  await map.open();
  await expect(map.ward(ARMLEY)).toHaveAttribute('fill', BLUES_5[4]);
  await expect(page.getByLabel('Wards', { exact: true })).toHaveCount(0); // no indicator yet, no such filter

  const indicators = new IndicatorsPage(page);
  await indicators.open();
  await indicators.upload({ name: 'IMD 2019 average rank', file: INDICATOR_FILES.imd2019Wd25 });
  await expect(indicators.status).toContainText('saved');
  await map.open();
  await page.getByLabel('Wards', { exact: true }).selectOption({ label: 'Most deprived 20 % by IMD 2019 average rank' });
  // Armley is among Leeds' 7 most deprived of 33 on IMD 2019; Headingley and Roundhay are not.
  await expect(map.ward(HEADINGLEY)).toHaveAttribute('fill', OUTSIDE_FILTER_FILL);
  await expect(map.ward(ARMLEY)).toHaveAttribute('fill', BLUES_5[4]);
  await expect(map.ward(ROUNDHAY)).toHaveAttribute('fill', OUTSIDE_FILTER_FILL);
  await expect(map.status).toContainText('2 conversations in 1 ward; 2 about');
  await expect(map.status).toContainText('Showing only the 7 wards among the most deprived 20 % by IMD 2019 average rank.');
  expect(await map.rowNames()).toEqual(['Armley']);
  await map.ward(HEADINGLEY).focus();
  await expect(map.tooltip).toHaveText('Headingley & Hyde Park, Leeds: not among the most deprived 20 % of wards by IMD 2019 average rank');
  await expect(page.getByText('Not among the most deprived 20 %', { exact: true })).toBeVisible(); // in the legend
  await expect(page).toHaveURL(/[?&]deprived=[0-9a-f-]{36}/);

  await page.getByLabel('Wards', { exact: true }).selectOption({ label: 'All wards' });
  await expect(map.ward(HEADINGLEY)).toHaveAttribute('fill', BLUES_5[1]);
  await expect(page).not.toHaveURL(/deprived=/);
});

test.describe('Derby and Derbyshire', () => {
  test.use({ seedOptions: { name: 'Derby and Derbyshire Anchor Network', wardsFile: WARD_FILES.derby } });

  test('a long table shows its first 100 wards until asked for all', async ({ page, server }) => {
    const seeded = await SetupPage.leeds(page, server);
    const { wards } = await (await page.request.get('/api/reference')).json();
    await pushConversations(server.url, seeded, wards.slice(0, 120).map((ward: { code: string }) => makeConversation({ wardCode: ward.code })));

    const map = new MapPage(page);
    await map.open();
    await expect(map.status).toContainText('120 conversations in 120 wards');
    await expect(page.getByText('Showing the first 100 wards of 120 in this order.')).toBeVisible();
    expect(await map.rowNames()).toHaveLength(100);
    await page.getByRole('button', { name: 'Show all 120 wards' }).click();
    await expect(map.table.getByRole('rowheader')).toHaveCount(120);
    await expect(page.getByRole('button', { name: /Show all/ })).toHaveCount(0);
  });
});

test.describe('a theme named like an attack', () => {
  // It must show as the words typed, never as HTML.
  test.use({ seedOptions: { themes: [ATTACK, HEALTH] } });

  test('every ward is reached by keyboard, its tooltip says its figures as text, Enter opens it, and focus moves on out of the map', async ({ page, server }) => {
    const attack = ATTACK;
    const seeded = await SetupPage.leeds(page, server);
    const theme = await themeIds(page.request);
    await pushConversations(server.url, seeded, [makeConversation({ wardCode: ARMLEY, themeIds: [theme[attack]] }), makeConversation({ wardCode: ARMLEY })]);

    const map = new MapPage(page);
    await map.open();
    const wards = page.locator('path[data-ward-code][tabindex="0"][role="link"]');
    await expect(wards).toHaveCount(33);
    // 2 conversations are fewer than the minimum for a share (5 by default): no percentage.
    const sentence = `Armley, Leeds: 2 conversations, 1 about ${attack} (fewer than 5 conversations, too few for a share)`;
    // The wards are drawn before the figures arrive ("no figures yet"); then every one is named.
    await expect(map.ward(ARMLEY)).toHaveAccessibleName(sentence);
    for (const label of await wards.evaluateAll((paths) => paths.map((p) => p.getAttribute('aria-label')))) {
      expect(label).toMatch(/^.+, Leeds: (no conversations|\d+ conversations?, \d+ about .+ \((\d+%|fewer than 5 conversations, too few for a share)\))$/);
    }

    await map.ward(ARMLEY).focus();
    await expect(map.tooltip).toHaveText(sentence);
    await expect(map.ward(ARMLEY)).toHaveAccessibleName(sentence);
    await expect(map.tooltip.locator('img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __mapXss?: number }).__mapXss)).toBeUndefined();

    // Tab goes from ward to ward (A to Z), and on past the last one: the map does not trap focus.
    await page.keyboard.press('Shift+Tab');
    await expect(map.tooltip).toHaveText('Ardsley & Robin Hood, Leeds: no conversations');
    await map.ward('E05011414').focus(); // Wetherby, the last
    let leftTheMap = false;
    for (let i = 0; i < 5 && !leftTheMap; i++) {
      await page.keyboard.press('Tab');
      leftTheMap = await page.evaluate(() => !document.activeElement?.closest('.ward-map'));
    }
    expect(leftTheMap).toBe(true);

    // By mouse: pointing shows the ward's figures, and a click opens it.
    await map.ward(ARMLEY).blur();
    await map.pointAt(KIRKSTALL);
    await expect(map.tooltip).toHaveText('Kirkstall, Leeds: no conversations');
    const armley = await map.pointAt(ARMLEY);
    await expect(map.tooltip).toHaveText(sentence);
    await page.mouse.click(armley.x, armley.y);
    await expect(page).toHaveURL(/\/wards\/E05011385$/);
    await page.goBack();

    // Back on the map, once its figures are there again (they redraw the wards).
    await expect(map.ward(ARMLEY)).toHaveAccessibleName(sentence);
    await map.ward(ARMLEY).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/wards\/E05011385$/);
  });

  /** A 1×1 grey PNG: what a tile server sends, as small as it gets. */
});

const TILE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGM4AAAAwgDBUl5XUQAAAABJRU5ErkJggg==', 'base64');

test('base tiles are off by default; an administrator can set a tile server, whose credit shows as text beside the ONS one', async ({ page, server }) => {
  await SetupPage.leeds(page, server);
  const map = new MapPage(page);
  await map.open();
  await expect(map.ward(ARMLEY)).toBeVisible();
  await expect(page.locator('.leaflet-tile')).toHaveCount(0);
  await expect(map.credit).toHaveText(
    'Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right 2025'
  );

  const requested: string[] = [];
  const tiles = createServer((req, res) => {
    requested.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png' }).end(TILE_PNG);
  });
  await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
  try {
    const port = (tiles.address() as AddressInfo).port;
    server.configure({ MAP_TILE_URL: `http://127.0.0.1:${port}/{z}/{x}/{y}.png`, MAP_TILE_ATTRIBUTION: '© <b>Tile</b> makers' });
    await server.stop();
    await server.start();
    await map.open();
    await expect(page.locator('.leaflet-tile-loaded').first()).toBeVisible();
    expect(requested.every((url) => /^\/\d+\/\d+\/\d+\.png$/.test(url))).toBe(true);
    await expect(map.credit).toContainText('Map tiles: © <b>Tile</b> makers');
    await expect(map.credit.locator('b')).toHaveCount(0);
    await expect(map.credit).toContainText('Office for National Statistics');
    await expect(map.ward(ARMLEY)).toBeVisible(); // the wards still draw over the tiles
  } finally {
    tiles.closeAllConnections();
    await new Promise((resolve) => tiles.close(resolve));
  }
});

test('the map opens offline with the figures this device last loaded, and says from when', async ({ page, context, network, server }) => {
  const seeded = await SetupPage.leeds(page, server);
  await syncLeedsConversations(page.request, server, seeded);
  const map = new MapPage(page);
  await map.open();
  await expect(map.ward(ARMLEY)).toHaveAttribute('fill', BLUES_5[4]);
  await waitForServiceWorker(context, page);

  await network.goOffline();
  await page.reload(); // the service worker's shell; wards, boundaries and figures from IndexedDB
  await expect(map.status).toContainText(/Figures from .+, offline\./);
  await expect(map.ward(ARMLEY)).toHaveAttribute('fill', BLUES_5[4]);
  await expect(map.ward(KIRKSTALL)).toHaveAttribute('fill', NO_CONVERSATIONS_FILL);
  expect(await map.row('Armley')).toMatchObject({ Conversations: '2', Share: '100%' });

  await page.getByLabel('Number of conversations about the theme').check(); // same figures, coloured by count
  await expect(map.ward(ARMLEY)).toHaveAttribute('fill', BLUES_5[2]); // 2, in bands 0, 1, 2, 3, 4
  await expect(map.ward(HEADINGLEY)).toHaveAttribute('fill', BLUES_5[1]);
  // Which wards have a response is never kept on the device: offline, the view says so and colours by share.
  await page.getByLabel('Raised often but not yet answered by an anchor').check();
  await expect(map.status).toContainText('Which wards have a response can only be checked online.');
  await expect(map.ward(ARMLEY)).toHaveAttribute('fill', BLUES_5[4]);
  expect(await map.row('Armley')).toMatchObject({ Share: '100%' });
  await map.chooseTheme(HEALTH); // never loaded on this device
  await expect(map.status).toContainText('This device has no figures for these filters yet');
});

test('axe finds no WCAG 2.2 AA violations on the map, and the capture page never loads Leaflet', async ({ page, server }) => {
  const scripts: Promise<string>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response.text().catch(() => ''));
  });
  const seeded = await SetupPage.leeds(page, server);
  expect((await Promise.all(scripts)).some((text) => text.includes('leaflet-pane'))).toBe(false);

  await syncLeedsConversations(page.request, server, seeded);
  const map = new MapPage(page);
  await map.open();
  await expect(map.ward(ARMLEY)).toHaveAttribute('fill', BLUES_5[4]);
  expect((await Promise.all(scripts)).some((text) => text.includes('leaflet-pane'))).toBe(true); // the check can fail
  await expectNoViolations(page, '/map');
  await map.ward(ARMLEY).focus();
  await expect(map.tooltip).toBeVisible();
  await expectNoViolations(page, '/map with a ward focused');
  await fillDate(page, 'To', '2026-01-01');
  await fillDate(page, 'From', '2026-02-01');
  await expect(page.getByText('The start date must be the same as or before the end date')).toBeVisible();
  await expectNoViolations(page, '/map with a date error');
});
