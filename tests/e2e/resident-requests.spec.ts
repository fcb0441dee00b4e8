import type { BrowserContext, Page } from '@playwright/test';
import type { Conversation } from '../../src/lib/domain/conversation';
import { sessionCookie } from '../support/seed-network';
import { tablesHolding } from '../support/server-database';
import { expectNoViolations, SCREEN_SIZES } from './axe';
import { readDeviceStore } from './device';
import { expect, test, waitForServiceWorker } from './fixtures';
import { CapturePage, LOVES } from './pages/capture-page';
import { SetupPage } from './pages/setup-page';
import { TabletPage } from './pages/tablet-page';

/** Issue 13, point 2: a resident's request, as a coordinator handles it. */

const WORDS = 'The canal path floods every winter';
const QUOTE = 'Nobody fixes the lights on Town Street';
const CONTACT = 'call 0113 496 0731 after 6pm';

async function syncNow(page: Page) {
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('sync-line')).toContainText('All synced');
}

async function listed(page: Page): Promise<string> {
  await page.goto('/conversations');
  await expect(page.getByRole('heading', { name: 'Conversations on this device' })).toBeVisible();
  return page.locator('main').innerText();
}

test('an erased conversation leaves both tablets, the ward page and every table, and a stale offline edit does not bring it back', async ({ page: tabletA, browser, server, baseURL }) => {
  test.setTimeout(180_000);
  const seeded = await SetupPage.leeds(tabletA, server);
  await new CapturePage(tabletA).record({
    ward: 'Armley',
    loves: WORDS,
    quotes: [{ text: QUOTE, consent: true }],
    themes: ['Tackling Health Inequalities'],
    equality: { Age: '25 to 34' },
    followUp: CONTACT
  });
  await syncNow(tabletA);
  await waitForServiceWorker(tabletA.context(), tabletA);
  const [conversation] = await readDeviceStore<Conversation>(tabletA, 'conversations');

  const contexts: BrowserContext[] = [];
  try {
    // Another of the centre's tablets, which Amina also uses: it pulls what she recorded on tablet A.
    const contextB = await browser.newContext({ baseURL });
    contexts.push(contextB);
    const tabletB = await contextB.newPage();
    await new TabletPage(tabletB).enrol(seeded.enrolmentCodes[1]);
    await new TabletPage(tabletB).unlock(seeded.workers.amina);
    await syncNow(tabletB);
    // "All synced" may already show before the pull lands (tablet B had nothing to send), so the list is asked until it does.
    await expect.poll(() => listed(tabletB), { timeout: 30_000 }).toContain(WORDS);

    // Tablet A loses its signal and its worker edits the conversation.
    await tabletA.goto('/conversations');
    await tabletA.getByRole('listitem').filter({ hasText: WORDS }).getByRole('link').click();
    await tabletA.context().setOffline(true);
    await tabletA.getByLabel(LOVES).fill(`${WORDS}, and the bridge too`);
    await tabletA.getByRole('button', { name: 'Save changes' }).click();
    await expect(tabletA.getByText('Changes saved on this device.')).toBeVisible();

    // The resident asks the coordinator to erase it.
    const contextC = await browser.newContext({ baseURL });
    contexts.push(contextC);
    await contextC.addCookies([sessionCookie(seeded.people.coordinator, server.url)]);
    const coordinator = await contextC.newPage();
    // The resident reads out the code from their thank-you card.
    await coordinator.goto('/records');
    await coordinator.getByLabel('Reference code', { exact: true }).fill(conversation.referenceCode!.toLowerCase().replace('-', ' '));
    await coordinator.getByRole('button', { name: 'Find' }).click();
    await coordinator.getByRole('link', { name: 'Act on the resident’s request about this conversation' }).click();
    await expect(coordinator.getByRole('heading', { name: 'A resident’s request' })).toBeVisible();
    await expect(coordinator.getByText(conversation.referenceCode!)).toBeVisible();
    await expect(coordinator.getByText(WORDS)).toBeVisible();
    await expect(coordinator.getByText(CONTACT)).toBeVisible();
    await coordinator.getByRole('button', { name: 'Erase this conversation' }).click();
    // Nothing is erased until it is confirmed; the confirmation takes focus.
    await expect(coordinator.getByRole('button', { name: 'Yes, erase it' })).toBeFocused();
    await coordinator.keyboard.press('Enter');
    await expect(coordinator.getByText(/^Conversation erased on /)).toBeVisible();
    await expect(coordinator.getByText(WORDS)).toHaveCount(0);

    await coordinator.goto('/wards/E05011385');
    await expect(coordinator.getByRole('heading', { name: 'Armley', level: 1 })).toBeVisible();
    await expect(coordinator.locator('main')).not.toContainText(QUOTE);
    await coordinator.goto('/records');
    await expect(coordinator.locator('main')).not.toContainText(WORDS);

    await syncNow(tabletB);
    expect(await listed(tabletB)).not.toContain(WORDS);

    // Tablet A comes back: its edit is acknowledged and ignored, and its copy goes.
    await tabletA.context().setOffline(false);
    await syncNow(tabletA);
    expect(await listed(tabletA)).not.toContain(WORDS);
    for (const secret of [WORDS, QUOTE, CONTACT]) expect(await tablesHolding(server, secret), secret).toEqual([]);

    await coordinator.goto(`/audit`);
    await expect(coordinator.getByRole('table')).toContainText('Conversation erased');
    await expect(coordinator.locator('main')).not.toContainText('canal');
  } finally {
    for (const context of contexts) await context.close();
  }
});

for (const viewport of SCREEN_SIZES) {
  test(`a coordinator withdraws equality answers, corrects a conversation and prints a copy, by keyboard, at ${viewport.width}×${viewport.height}`, async ({ page, server }) => {
    await page.setViewportSize(viewport);
    await SetupPage.leeds(page, server);
    await new CapturePage(page).record({ ward: 'Armley', loves: WORDS, quotes: [{ text: QUOTE, consent: false }], equality: { Age: '25 to 34' } });
    await syncNow(page);
    const [conversation] = await readDeviceStore<Conversation>(page, 'conversations');
    const seeded = server.seeded!;
    await page.context().addCookies([sessionCookie(seeded.people.coordinator, server.url)]);

    await page.goto(`/requests/${conversation.id}`);
    await expect(page.getByText('Age: 25 to 34')).toBeVisible();
    await expectNoViolations(page, 'a resident’s request');
    await page.getByRole('button', { name: 'Withdraw the equality answers' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Yes, withdraw them' })).toBeFocused();
    await expectNoViolations(page, 'a resident’s request, confirming the withdrawal');
    await page.keyboard.press('Enter');
    await expect(page.getByText('The equality answers have been withdrawn. Nothing else was changed.')).toBeVisible();
    await expect(page.getByText('Age: 25 to 34')).toHaveCount(0);
    await expect(page.getByText(WORDS)).toBeVisible();

    await page.getByRole('link', { name: 'Correct what was recorded' }).click();
    await expect(page.getByRole('heading', { name: 'Correct what was recorded' })).toBeVisible();
    await expectNoViolations(page, 'correcting a conversation');
    await page.getByLabel(LOVES).fill('');
    await page.getByLabel('Words quoted').fill('');
    await page.getByRole('button', { name: 'Save the correction' }).click();
    await expect(page.getByRole('alert')).toContainText('A conversation must keep an answer, a quote or a theme');
    await expectNoViolations(page, 'correcting a conversation, with an error');
    await page.getByLabel(LOVES).fill('The canal path');
    await page.getByLabel('Words quoted').fill(QUOTE);
    await page.getByLabel('The resident agrees to be quoted').check();
    await page.getByRole('button', { name: 'Save the correction' }).click();
    await expect(page.getByText('The correction has been saved.')).toBeVisible();
    await expect(page.getByText('The canal path', { exact: true })).toBeVisible();
    await expect(page.getByText('Agreed to be quoted')).toBeVisible();

    await page.getByRole('link', { name: 'Print a copy for the resident' }).click();
    await expect(page.getByRole('heading', { name: `Your conversation with ${seeded.network.name}` })).toBeVisible();
    await expect(page.getByText('The canal path', { exact: true })).toBeVisible();
    await expectNoViolations(page, 'the resident’s copy');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: 'Print this copy' })).toBeHidden();
    await expect(page.getByRole('banner')).toBeHidden();
    await page.emulateMedia({ media: 'screen' });

    await page.goto('/audit');
    for (const action of ['Equality answers withdrawn', 'Conversation corrected', 'Copy of a conversation given']) {
      await expect(page.getByRole('table')).toContainText(action);
    }
  });
}

test('a request page for a conversation that does not exist says how to find it', async ({ page, server, seeded }) => {
  await page.context().addCookies([sessionCookie(seeded.people.coordinator, server.url)]);
  await page.goto('/requests/01900000-0000-7000-8000-000000000001');
  await expect(page.getByText('There is no conversation at this address. Find it again by its reference code.')).toBeVisible();
});
