import type { Conversation } from '../../src/lib/domain/conversation';
import type { EqualityAnswers } from '../../src/lib/domain/equality-monitoring';
import { makeConversation } from '../support/conversations';
import { seededRandom } from '../support/seeded-random';
import { expectNoViolations, SCREEN_SIZES } from './axe';
import { expect, test } from './fixtures';
import { recordConversations, seedForManagers, signInAs } from './manage-seed';
import { SettingsPage } from './pages/settings-page';
import { WhoWeHeardFromPage } from './pages/who-we-heard-from-page';

const ARMLEY = 'E05011385';
const HEADINGLEY = 'E05011397';
const ROUNDHAY = 'E05011411';

/**
 * Generated answers with small groups (issue 13): Armley 60 conversations (the first 20 at a
 * listening day), Headingley 35, Roundhay 12 (fewer than 25, so never a column of a breakdown).
 * Ages and ethnic groups are spread thin, so many counts are small; exactly 7 residents, all in
 * Armley, care for someone up to 9 hours a week (hidden at 10, shown at 5).
 */
function generatedConversations(eventId: string): Conversation[] {
  const random = seededRandom(13);
  const pick = <T>(options: readonly T[]) => options[Math.floor(random() * options.length)];
  const answers = (i: number): EqualityAnswers => ({
    sex: random() < 0.05 ? 'prefer-not-to-say' : pick(['female', 'male']),
    ageBand: pick(['16-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75-plus']),
    ethnicity: random() < 0.7 ? 'white-british' : pick(['asian-pakistani', 'black-african', 'white-roma', 'mixed-other', 'other-arab']),
    carer: i < 7 ? 'up-to-9-hours' : 'no'
  });
  const ward = (code: string, count: number, offset: number) =>
    Array.from({ length: count }, (_, i) => makeConversation({ wardCode: code, eventId: code === ARMLEY && i < 20 ? eventId : null, equality: answers(offset + i) }));
  return [...ward(ARMLEY, 60, 0), ...ward(HEADINGLEY, 35, 100), ...ward(ROUNDHAY, 12, 200)];
}

async function seedAnswers(server: Parameters<typeof seedForManagers>[0]) {
  return seedForManagers(server, async (store, seeded) => {
    const day = await store.addEvent(seeded.network.id, { name: 'Armley listening day', date: '2026-11-20', place: 'Armley library' });
    await recordConversations(store, seeded.network.id, seeded.tablet, seeded.workers.amina.id, generatedConversations(day.id));
    return day;
  });
}

test('anchor staff see equality answers only as totals: nothing below 10, small groups left out of a breakdown, the filter by keyboard', async ({ page, context, server }) => {
  const seeded = await seedAnswers(server);
  await signInAs(context, seeded.people.staff, server.url);
  await page.goto('/');
  const totals = new WhoWeHeardFromPage(page);
  await totals.open();

  await expect(totals.showing).toContainText(`Figures for ${seeded.network.name}.`);
  await expect(totals.table('Sex')).toBeVisible();
  expect(await totals.figure('Sex', 'Female')).toMatch(/^[0-9]+$/);
  expect(await totals.figure('Do they look after', 'Yes, 9 hours a week or less')).toBe('fewer than 10');
  expect(await totals.expectNoSmallCounts(10)).toBeGreaterThan(0);
  await expect(page.getByText('Why some figures say “fewer than 10”')).toBeVisible();

  // By ward, chosen with the keyboard: Roundhay's 12 conversations are too few for a column.
  await page.getByLabel('Break down by').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Break down by')).toHaveValue('ward');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Show figures' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/breakdown=ward/);
  await expect(totals.showing).toContainText('by ward');
  await expect(totals.showing).toContainText('1 ward is left out of the tables: each had fewer than 25 conversations.');
  const sex = totals.table('Sex');
  await expect(sex.getByRole('columnheader', { name: 'Armley', exact: true })).toBeVisible();
  await expect(sex.getByRole('columnheader', { name: 'Headingley & Hyde Park' })).toBeVisible();
  await expect(sex.getByRole('columnheader', { name: 'Roundhay' })).toHaveCount(0);
  await expect(sex.getByRole('columnheader', { name: 'All' })).toBeVisible();
  await totals.expectNoSmallCounts(10);

  // One ward, and the listening day.
  await page.getByLabel('Show figures for').selectOption({ label: 'Armley' });
  await page.getByLabel('Break down by').selectOption({ label: 'No breakdown' });
  await page.getByRole('button', { name: 'Show figures' }).click();
  await expect(totals.showing).toContainText('Figures for Armley.');
  await totals.expectNoSmallCounts(10);
  await page.getByLabel('Show figures for').selectOption({ label: 'Armley listening day (20 November 2026)' });
  await page.getByRole('button', { name: 'Show figures' }).click();
  await expect(totals.showing).toContainText('Figures for Armley listening day.');
  await totals.expectNoSmallCounts(10);
  await expect(totals.table('Sex').locator('tfoot td')).toHaveText(['20']);

  // A choice not on the lists is named, and the whole network shown.
  await page.goto(`/who-we-heard-from?scope=ward:${encodeURIComponent('<script>')}&breakdown=age`);
  await expect(page.getByRole('alert')).toContainText('Choose the whole network, a ward or a listening event from the list');
  await expect(page.getByRole('alert')).toContainText('Choose how to break the figures down from the list');
  await expect(totals.showing).toContainText(`Figures for ${seeded.network.name}.`);
  await totals.expectNoSmallCounts(10);
});

test('the coordinator’s threshold decides what is hidden, never below 5', async ({ page, context, server }) => {
  const seeded = await seedAnswers(server);
  await signInAs(context, seeded.people.coordinator, server.url);
  await page.goto('/');
  const totals = new WhoWeHeardFromPage(page);
  await totals.open();
  expect(await totals.figure('Do they look after', 'Yes, 9 hours a week or less')).toBe('fewer than 10');

  const settings = new SettingsPage(page);
  await settings.open();
  const threshold = page.getByLabel('Smallest number of people a figure on “Who we heard from” may show');
  await expect(threshold).toHaveValue('10');
  await threshold.fill('4');
  await page.getByRole('button', { name: 'Save small counts' }).click();
  await expect(settings.errorSummary).toContainText('The number must be between 5 and 100');
  await expect(threshold).toHaveAttribute('aria-invalid', 'true');
  await threshold.fill('5');
  await page.getByRole('button', { name: 'Save small counts' }).click();
  await expect(settings.saved('Small counts saved.')).toBeVisible();

  await totals.open();
  expect(await totals.figure('Do they look after', 'Yes, 9 hours a week or less')).toBe('7');
  await expect(page.getByText('Why some figures say “fewer than 5”')).toBeVisible();
  await totals.expectNoSmallCounts(5);
  await page.getByLabel('Break down by').selectOption({ label: 'Ward' });
  await page.getByRole('button', { name: 'Show figures' }).click();
  await expect(totals.showing).toContainText('by ward');
  await totals.expectNoSmallCounts(5);

  // The change is in the audit log.
  await page.goto('/audit');
  await expect(page.getByRole('cell', { name: 'Small counts' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'threshold: 5' })).toBeVisible();
});

test('organisation leads cannot open it', async ({ page, context, server }) => {
  const seeded = await seedAnswers(server);
  await signInAs(context, seeded.people.lead, server.url);
  const response = await page.request.get('/who-we-heard-from/__data.json');
  expect(response.status()).toBe(403);
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Who we heard from' })).toHaveCount(0);
});

for (const size of SCREEN_SIZES) {
  test(`Who we heard from passes axe at ${size.width}×${size.height}, with and without a breakdown`, async ({ page, context, server }) => {
    const seeded = await seedAnswers(server);
    await page.setViewportSize(size);
    await signInAs(context, seeded.people.staff, server.url);
    await page.goto('/who-we-heard-from');
    const totals = new WhoWeHeardFromPage(page);
    await expect(totals.table('Sex')).toBeVisible();
    await expectNoViolations(page, 'Who we heard from');
    await page.goto('/who-we-heard-from?scope=network&breakdown=ward');
    await expect(totals.showing).toContainText('by ward');
    await expectNoViolations(page, 'Who we heard from, by ward');
    await page.goto('/who-we-heard-from?scope=nowhere&breakdown=theme');
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoViolations(page, 'Who we heard from, with a problem in the filter');
  });
}
