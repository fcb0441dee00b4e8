import { makeConversation } from '../support/conversations';
import { expect, test } from './fixtures';
import { SetupPage } from './pages/setup-page';
import { WardPage } from './pages/ward-page';
import { WardsPage } from './pages/wards-page';
import { pushConversations, themesByName } from './push-conversations';

const ARMLEY = 'E05011385';
const HEADINGLEY = 'E05011397';
const XSS = '<img src=x onerror=alert(1)>';
const WORK = 'Widening Access to Quality Work';
const HEALTH = 'Tackling Health Inequalities';

test('a ward’s page shows its theme counts, months and only the quotes residents agreed to share', async ({ page, server }) => {
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const seeded = await SetupPage.leeds(page, server);
  const theme = await themesByName(page.request);
  await pushConversations(server.url, seeded, [
    makeConversation({
      wardCode: ARMLEY,
      recordedAt: '2026-10-14T11:00:00.000Z',
      themeIds: [theme[WORK]],
      quotes: [{ text: 'We need jobs here', consentToQuote: true }]
    }),
    makeConversation({
      wardCode: ARMLEY,
      recordedAt: '2026-12-01T11:00:00.000Z',
      themeIds: [theme[WORK], theme[HEALTH]],
      quotes: [
        { text: 'Keep this between us', consentToQuote: false },
        { text: XSS, consentToQuote: true }
      ],
      equality: { ethnicity: 'prefer-not-to-say' },
      followUp: { wanted: true, contact: 'call 0113 496 0000 after 6pm' }
    }),
    makeConversation({ wardCode: ARMLEY, recordedAt: '2026-12-01T15:00:00.000Z', themeIds: [] }),
    makeConversation({ wardCode: HEADINGLEY, themeIds: [theme[HEALTH]], quotes: [{ text: 'Headingley words', consentToQuote: true }] })
  ]);

  // From the wards table, as anchor staff find it.
  const wards = new WardsPage(page);
  await wards.open();
  await page.getByRole('link', { name: 'Armley', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Armley', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(`/wards/${ARMLEY}`);
  await expect(page.getByText('Ward in Leeds')).toBeVisible();
  await expect(page.getByText('3 conversations synced from this ward.')).toBeVisible();

  const ward = new WardPage(page);
  const themeRows = await ward.chartRows('Conversations touching each charter theme');
  expect(themeRows).toHaveLength(6);
  expect(themeRows).toContainEqual([WORK, '2 (67 %)']);
  expect(themeRows).toContainEqual([HEALTH, '1 (33 %)']);
  expect(themeRows).toContainEqual(['Reducing Environmental Impact', '0 (0 %)']);
  expect(await ward.chartRows('Conversations per month')).toEqual([
    ['October 2026', '1'],
    ['November 2026', '0'],
    ['December 2026', '2']
  ]);

  // Newest first; the one without consent is nowhere, the markup is shown as the characters typed.
  await expect(ward.quotes).toHaveCount(2);
  await expect(ward.quotes.nth(0)).toContainText(XSS);
  await expect(ward.quotes.nth(0)).toContainText(`December 2026 · ${WORK}, ${HEALTH}`);
  await expect(ward.quotes.nth(1)).toContainText('We need jobs here');
  await expect(ward.quotes.nth(1)).toContainText(`October 2026 · ${WORK}`);
  await expect(page.getByText(XSS, { exact: true })).toBeVisible();
  await expect(page.locator('main img')).toHaveCount(0);
  for (const hidden of ['Keep this between us', '0113 496 0000', 'prefer', 'Headingley words']) {
    await expect(page.locator('body')).not.toContainText(hidden);
  }
  // Nor does the page's data carry them to the browser, the coordinator's or anchor staff's.
  const staff = { cookie: `al_session=${seeded.people.staff.session}` };
  for (const pageData of [
    await (await page.request.get(`/wards/${ARMLEY}/__data.json`)).text(),
    await (await fetch(`${server.url}/wards/${ARMLEY}/__data.json`, { headers: staff })).text(),
    await (await fetch(`${server.url}/wards/__data.json`, { headers: staff })).text()
  ]) {
    for (const hidden of ['Keep this between us', '0113 496 0000', 'prefer-not-to-say', 'followUp', 'equality']) {
      expect(pageData).not.toContain(hidden);
    }
  }
  expect(await (await fetch(`${server.url}/wards/${ARMLEY}/__data.json`, { headers: staff })).text()).toContain('We need jobs here');
  expect(dialogs).toEqual([]);
});

test('a ward with no conversations says so plainly, and a ward not in the network is not found', async ({ page, server }) => {
  await SetupPage.leeds(page, server);
  const ward = new WardPage(page);
  await ward.open('E05011384', 'Ardsley & Robin Hood');
  await expect(page.getByText('0 conversations synced from this ward.')).toBeVisible();
  await expect(page.getByText('No conversations from this ward have been synced yet.')).toBeVisible();
  await expect(page.getByText('No resident in this ward has agreed to be quoted yet.')).toBeVisible();

  await page.goto('/wards/E05013038'); // a Hartlepool ward
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByText('This network has no ward with that code.')).toBeVisible();
});
