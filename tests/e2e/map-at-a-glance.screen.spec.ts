import type { APIRequestContext, Page } from '@playwright/test';
import { BLUES_5, NO_CONVERSATIONS_FILL, TOO_FEW_FILL } from '../../src/lib/map/choropleth';
import type { AppServer } from '../support/app-server';
import { makeConversation } from '../support/conversations';
import type { SeededNetwork } from '../support/seed-network';
import { expect, test } from './fixtures';
import { expectNoViolations } from './axe';
import { MapPage } from './pages/map-page';
import { SettingsPage } from './pages/settings-page';
import { SetupPage } from './pages/setup-page';
import { pushConversations, themesByName } from './push-conversations';

// Issue 12, point 5: a map that reads at a glance on a phone and on a tablet at an event.

const ARMLEY = 'E05011385';
const HEADINGLEY = 'E05011397';
const ROUNDHAY = 'E05011411';
const KIRKSTALL = 'E05011402';
const WORK = 'Widening Access to Quality Work';
const HEALTH = 'Tackling Health Inequalities';

/**
 * Armley: 6 conversations, 3 about work (50 %). Roundhay: 5, all about work (100 %). Headingley:
 * 2, 1 about work: fewer than the minimum of 5, so no share. Kirkstall: none.
 */
async function syncConversations(request: APIRequestContext, server: AppServer, seeded: SeededNetwork) {
  const theme = await themesByName(request);
  const about = (ward: string, themes: string[]) => makeConversation({ wardCode: ward, recordedAt: '2026-10-10T10:00:00.000Z', themeIds: themes.map((t) => theme[t]) });
  await pushConversations(server.url, seeded, [
    ...[1, 2, 3].map(() => about(ARMLEY, [WORK])),
    ...[1, 2, 3].map(() => about(ARMLEY, [HEALTH])),
    ...[1, 2, 3, 4, 5].map(() => about(ROUNDHAY, [WORK, HEALTH])),
    about(HEADINGLEY, [WORK]),
    about(HEADINGLEY, [HEALTH])
  ]);
}

async function openMap(page: Page, server: AppServer) {
  const seeded = await SetupPage.leeds(page, server);
  await syncConversations(page.request, server, seeded);
  const map = new MapPage(page);
  await map.open();
  await expect(map.ward(ARMLEY)).toHaveAttribute('fill', BLUES_5[2]);
  return map;
}

const DEVICES = [
  { name: 'phone', use: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true } },
  { name: 'tablet', use: { viewport: { width: 1024, height: 768 }, hasTouch: true } }
] as const;

for (const device of DEVICES) {
  test.describe(`on a ${device.name} (${device.use.viewport.width}×${device.use.viewport.height})`, () => {
    test.use(device.use);

    test('ward names appear as labels where they fit, more as the map zooms in, and in tooltips', async ({ page, server }) => {
      const map = await openMap(page, server);
      await map.labelsPlaced();
      const before = await map.labels.count();
      if (device.name === 'tablet') expect(before).toBeGreaterThanOrEqual(8);
      else expect(before).toBeGreaterThanOrEqual(1);
      // Every label is a ward's name, drawn inside that ward. Checked in one task of the page, so a
      // relabelling (the map settles its fit after load) cannot swap a label out in between.
      const misplaced = await map.labels.evaluateAll((labels) =>
        labels.flatMap((label) => {
          const name = (label as HTMLElement).innerText.replace(/\s+/g, ' ');
          // elementsFromPoint sees only what is on screen: scroll the page (never the map's own box,
          // as scrollIntoView would) to bring the label into view.
          const { top } = label.getBoundingClientRect();
          window.scrollBy(0, top - window.innerHeight / 2);
          const box = label.getBoundingClientRect();
          const under = document.elementsFromPoint(box.left + box.width / 2, box.top + box.height / 2).find((e) => e.matches('path[data-ward-code]'));
          window.scrollTo(0, 0);
          return (under?.getAttribute('aria-label') ?? '').startsWith(`${name}, Leeds:`) ? [] : [name];
        })
      );
      expect(misplaced, 'labels drawn outside their wards').toEqual([]);
      // The wheel zooms in around the pointer, so Armley stays in view on a phone too.
      await map.pointAt(ARMLEY);
      await page.mouse.wheel(0, -240);
      await expect.poll(() => map.labels.count()).toBeGreaterThan(before);
      await expect(map.labels.filter({ hasText: /^Armley$/ })).toBeVisible();
      await map.ward(ARMLEY).focus();
      await expect(map.tooltip).toHaveText(/^Armley, Leeds: 6 conversations, 3 about /);
    });

    test('a ward with no conversations is plain light grey, and the lowest share is blue', async ({ page, server }) => {
      const map = await openMap(page, server);
      await expect(map.ward(KIRKSTALL)).toHaveAttribute('fill', NO_CONVERSATIONS_FILL);
      await expect(map.legend.getByText('No conversations')).toBeVisible();
      await expect(map.legend).toContainText('No conversations (30 wards)');
      // Colour by count: Armley's 3 of 6 about health is in the middle class, Headingley's 1 in the lowest.
      await map.chooseTheme(HEALTH);
      await page.getByLabel('Number of conversations about the theme').check();
      await expect(map.ward(HEADINGLEY)).toHaveAttribute('fill', BLUES_5[0]);
      await expect(map.ward(KIRKSTALL)).toHaveAttribute('fill', NO_CONVERSATIONS_FILL);
    });

    test('a ward with 2 conversations is not coloured by share and says fewer than 5', async ({ page, server }) => {
      const map = await openMap(page, server);
      await expect(map.ward(HEADINGLEY)).toHaveAttribute('fill', TOO_FEW_FILL);
      await expect(map.ward(ROUNDHAY)).toHaveAttribute('fill', BLUES_5[4]);
      const sentence = `Headingley & Hyde Park, Leeds: 2 conversations, 1 about ${WORK} (fewer than 5 conversations, too few for a share)`;
      await expect(map.ward(HEADINGLEY)).toHaveAccessibleName(sentence);
      await map.ward(HEADINGLEY).focus();
      await expect(map.tooltip).toHaveText(sentence);
      await expect(map.legend).toContainText('Fewer than 5 conversations: too few for a share (1 ward)');
      expect(await map.row('Headingley & Hyde Park')).toMatchObject({ Conversations: '2', [`About ${WORK}`]: '1', Share: 'fewer than 5 conversations' });
      expect(await map.row('Armley')).toMatchObject({ Conversations: '6', Share: '50%' });
    });

    test('the coordinator changes the minimum and the map follows', async ({ page, server }) => {
      const map = await openMap(page, server);
      await expect(map.ward(HEADINGLEY)).toHaveAttribute('fill', TOO_FEW_FILL);

      const settings = new SettingsPage(page);
      await page.goto('/settings');
      const field = page.getByLabel('Conversations a ward needs before the map shows its share');
      await expect(field).toHaveValue('5');
      await field.fill('0');
      await page.getByRole('button', { name: 'Save ward map' }).click();
      await expect(settings.errorSummary).toContainText('The number of conversations must be between 1 and 100');
      await expect(field).toHaveValue('0');
      await field.fill('2');
      await page.getByRole('button', { name: 'Save ward map' }).click();
      await expect(settings.saved('Ward map saved.')).toBeVisible();
      await expect(field).toHaveValue('2');

      await map.open();
      await expect(map.ward(HEADINGLEY)).toHaveAttribute('fill', BLUES_5[2]); // 1 of 2: 50 %
      await expect(map.ward(HEADINGLEY)).toHaveAccessibleName(`Headingley & Hyde Park, Leeds: 2 conversations, 1 about ${WORK} (50%)`);
      expect(await map.row('Headingley & Hyde Park')).toMatchObject({ Share: '50%' });
      await expect(map.legend).toContainText('Fewer than 2 conversations: too few for a share (0 wards)');

      await page.goto('/settings');
      await field.fill('6');
      await page.getByRole('button', { name: 'Save ward map' }).click();
      await expect(settings.saved('Ward map saved.')).toBeVisible();
      await map.open();
      await expect(map.ward(ROUNDHAY)).toHaveAttribute('fill', TOO_FEW_FILL); // 5 is now fewer than 6
      await expect(map.ward(ARMLEY)).toHaveAttribute('fill', BLUES_5[2]);
      expect(await map.row('Roundhay')).toMatchObject({ Share: 'fewer than 6 conversations' });
    });

    test('the first tap on a ward shows its figures and a link; tapping the link opens its page', async ({ page, server }) => {
      const map = await openMap(page, server);
      await map.tap(ARMLEY);
      await expect(map.wardPanel).toContainText(`Armley, Leeds: 6 conversations, 3 about ${WORK} (50%)`);
      await expect(page).toHaveURL(/\/map(\?|$)/); // still on the map
      await expect(map.ward(ARMLEY)).toHaveClass(/ward-selected/);

      await map.tap(HEADINGLEY); // another ward: its figures instead
      await expect(map.wardPanel).toContainText('fewer than 5 conversations');
      await expect(map.ward(ARMLEY)).not.toHaveClass(/ward-selected/);
      await map.tap(ARMLEY);
      const link = map.wardPanel.getByRole('link', { name: 'Open Armley’s page' });
      const box = (await link.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      await link.tap();
      await expect(page).toHaveURL(/\/wards\/E05011385$/);
      await expect(page.getByRole('heading', { name: 'Armley', level: 1 })).toBeVisible();
    });

    test('filters survive Back and reload', async ({ page, server }) => {
      const map = await openMap(page, server);
      const theme = await themesByName(page.request);
      await map.chooseTheme(HEALTH);
      await page.getByLabel('Number of conversations about the theme').check();
      await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Armley Community Centre' });
      await expect(page).toHaveURL(new RegExp(`theme=${theme[HEALTH]}.*organisation=.*measure=count`));
      await expect(map.ward(ARMLEY)).toHaveAttribute('fill', BLUES_5[1]); // 3, in bands of 2 up to Roundhay's 5

      await map.table.getByRole('link', { name: 'Armley' }).click();
      await expect(page).toHaveURL(/\/wards\/E05011385$/);
      await page.goBack();
      const kept = async () => {
        await expect(page.getByLabel('Theme', { exact: true })).toHaveValue(theme[HEALTH]);
        await expect(page.getByLabel('Number of conversations about the theme')).toBeChecked();
        await expect(page.getByLabel('Organisation', { exact: true }).locator('option:checked')).toHaveText('Armley Community Centre');
        await expect(map.ward(ARMLEY)).toHaveAttribute('fill', BLUES_5[1]);
        await expect(page.getByRole('heading', { name: `Conversations about ${HEALTH}` })).toBeVisible();
      };
      await kept();
      await page.reload();
      await kept();
    });

    test('the map fits the network’s wards, and fits them again when the screen turns', async ({ page, server }) => {
      const map = await openMap(page, server);
      const fits = async () => {
        const { map: box, wards } = await map.boxes();
        // Every ward on the map, and the wards fill its width or its height (Leeds is wider than tall).
        expect(wards.left).toBeGreaterThanOrEqual(box.left - 1);
        expect(wards.right).toBeLessThanOrEqual(box.right + 1);
        expect(wards.top).toBeGreaterThanOrEqual(box.top - 1);
        expect(wards.bottom).toBeLessThanOrEqual(box.bottom + 1);
        const filled = Math.max((wards.right - wards.left) / box.width, (wards.bottom - wards.top) / box.height);
        expect(filled).toBeGreaterThan(0.85);
        return { box, wards };
      };
      const { box, wards } = await fits();
      if (device.name === 'phone') {
        // Leeds fills the phone's map from side to side, and the map is no taller than it needs.
        expect((wards.right - wards.left) / box.width).toBeGreaterThan(0.9);
        expect(box.height).toBeLessThan(844 * 0.5);
        expect(box.width).toBeGreaterThan(330);
        expect(box.right).toBeLessThanOrEqual(390);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390); // nothing wider than the phone
      }
      const { width, height } = device.use.viewport;
      await page.setViewportSize({ width: height, height: width }); // turned on its side
      await expect.poll(async () => (await map.boxes()).map.width).not.toBe(box.width);
      await expect(async () => void (await fits())).toPass();
    });

    test('axe finds no WCAG 2.2 AA violations on the map, with a ward tapped', async ({ page, server }) => {
      const map = await openMap(page, server);
      await expectNoViolations(page, '/map');
      await map.tap(HEADINGLEY);
      await expect(map.wardPanel).toBeVisible();
      await expectNoViolations(page, '/map with a ward’s panel open');
      await page.goto('/settings');
      await page.getByLabel('Conversations a ward needs before the map shows its share').fill('');
      await page.getByRole('button', { name: 'Save ward map' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
      await expectNoViolations(page, '/settings with a ward map error');
    });
  });
}

