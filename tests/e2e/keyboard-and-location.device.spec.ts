import type { Locator, Page } from '@playwright/test';
import type { Conversation } from '../../src/lib/domain/conversation';
import { readDeviceStore } from './device';
import { expect, test, waitForServiceWorker } from './fixtures';
import { CapturePage, LOVES } from './pages/capture-page';
import { SetupPage } from './pages/setup-page';
import type { AppServer } from '../support/app-server';

const ARMLEY_TOWN_STREET = { longitude: -1.5898, latitude: 53.7985 };
const TRAFALGAR_SQUARE = { longitude: -0.1281, latitude: 51.508 };

async function setUp(page: Page, server: AppServer) {
  await SetupPage.leeds(page, server);
}

/** Presses Tab until `target` has focus, as a keyboard user moves through the page. */
async function tabTo(page: Page, target: Locator, limit = 80) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

test('a conversation can be captured from start to save by keyboard alone', async ({ page, server }) => {
  await setUp(page, server);
  await page.reload();
  await expect(new CapturePage(page).heading).toBeVisible();
  await page.keyboard.press('Tab'); // the skip link comes first
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();

  // Consent first: the rest of the form appears after the tick box, so Tab carries on into it.
  await tabTo(page, page.getByLabel('The resident agrees to this conversation being recorded'));
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Search wards')).toBeFocused();
  await page.keyboard.type('Armley');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Ward', { exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Ward', { exact: true })).toHaveValue('E05011385');
  // Enter confirms the ward: shown as one line, with focus on its Change button.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Change ward' })).toBeFocused();
  await expect(new CapturePage(page).chosenWard).toContainText('Ward: Armley');

  await tabTo(page, page.getByLabel(LOVES));
  await page.keyboard.type('Typed without a mouse');
  await tabTo(page, page.getByLabel('Tackling Health Inequalities'));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: 'Save conversation' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Saved on this device under Armley.')).toBeFocused();

  const [saved] = await readDeviceStore<Conversation>(page, 'conversations');
  expect(saved).toMatchObject({ wardCode: 'E05011385', answers: [{ text: 'Typed without a mouse' }] });
  expect(saved.themeIds).toHaveLength(1);
});

test.describe('Use my location, offline', () => {
  test('chooses the ward containing the tablet', async ({ page, context, network, server }) => {
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation(ARMLEY_TOWN_STREET);
    await setUp(page, server);
    await waitForServiceWorker(context, page);
    await expect.poll(async () => (await readDeviceStore(page, 'wardBoundaries')).length).toBe(33);
    await network.goOffline();
    await page.reload();
    await new CapturePage(page).giveConsent();
    await page.getByRole('button', { name: 'Use my location' }).click();
    await expect(new CapturePage(page).chosenWard).toContainText('Ward: Armley');
    await expect(page.getByText('Ward found from your location: Armley.')).toBeVisible();
  });

  test('says so when the tablet is outside every ward', async ({ page, context, server }) => {
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation(TRAFALGAR_SQUARE);
    await setUp(page, server);
    await expect.poll(async () => (await readDeviceStore(page, 'wardBoundaries')).length).toBe(33);
    await new CapturePage(page).giveConsent();
    await page.getByRole('button', { name: 'Use my location' }).click();
    await expect(page.getByText('This position is outside all of your network’s wards.')).toBeVisible();
    await expect(page.getByLabel('Ward', { exact: true })).toHaveValue('');
  });

  test('says so when location is refused', async ({ page, context, server }) => {
    await context.clearPermissions();
    await setUp(page, server);
    await expect.poll(async () => (await readDeviceStore(page, 'wardBoundaries')).length).toBe(33);
    await new CapturePage(page).giveConsent();
    await page.getByRole('button', { name: 'Use my location' }).click();
    await expect(page.getByText('This device is not allowed to share its location.')).toBeVisible();
  });
});
