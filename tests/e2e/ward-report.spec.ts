import { readFileSync } from 'node:fs';
import { makeConversation } from '../support/conversations';
import { pdfText } from '../support/pdf-text';
import { BOUNDARY_ATTRIBUTION } from '../../src/lib/map/choropleth';
import { expectNoViolations, SCREEN_SIZES } from './axe';
import { expect, test } from './fixtures';
import { seedForManagers, signInAs } from './manage-seed';
import { pushConversations, themesByName } from './push-conversations';
import type { Page } from '@playwright/test';

const ARMLEY = 'E05011385';
const WORK = 'Widening Access to Quality Work';
const HEALTH = 'Tackling Health Inequalities';

/** A table's rows as [heading, figure], by its caption. */
async function rowsOf(page: Page, caption: string): Promise<string[][]> {
  const table = page.getByRole('table', { name: caption });
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent!.trim())));
}

/**
 * Armley: 2 conversations in October (health), 15 in November (work, one quote shared and one
 * not), 12 in December (6 work, 6 health). So 29 in all, work 21, health 8 (below 10, hidden);
 * October's 2 is hidden, and December's 12 with it (or October's could be worked out from the total).
 */
async function seedArmley(page: Page, seeded: Parameters<typeof pushConversations>[1], url: string) {
  const theme = await themesByName(page.request);
  const at = (day: string, i: number) => `2026-${day}T${String(9 + (i % 8)).padStart(2, '0')}:00:00.000Z`;
  await pushConversations(url, seeded, [
    ...Array.from({ length: 2 }, (_, i) => makeConversation({ wardCode: ARMLEY, recordedAt: at('10-14', i), themeIds: [theme[HEALTH]] })),
    ...Array.from({ length: 15 }, (_, i) =>
      makeConversation({
        wardCode: ARMLEY,
        recordedAt: at('11-20', i),
        themeIds: [theme[WORK]],
        quotes: i === 0 ? [{ text: 'We need proper jobs round here', consentToQuote: true }, { text: 'Keep this between us', consentToQuote: false }] : []
      })
    ),
    ...Array.from({ length: 12 }, (_, i) => makeConversation({ wardCode: ARMLEY, recordedAt: at('12-01', i), themeIds: [theme[i < 6 ? WORK : HEALTH]] }))
  ]);
}

/**
 * Responses (issue 15), made in the store: Armley's (kept within the network, with an update),
 * the whole network's, and Headingley's, which Armley's report must not list.
 */
async function seedResponses(server: Parameters<typeof seedForManagers>[0]) {
  await seedForManagers(server, async (store, s) => {
    const { themes } = (await store.getReferenceData())!;
    const theme = (name: string) => themes.find((t) => t.name === name)!.id;
    const author = { id: s.people.staff.id, name: s.people.staff.name };
    const fields = { organisationId: s.organisations.armley.id, dueBy: '2027-03-31', status: 'planned' as const, visibility: 'public' as const, quotes: [] };
    const armley = await store.responses.createResponse(s.network.id, { ...fields, themeId: theme(WORK), wholeNetwork: false, wardCodes: [ARMLEY], action: 'A jobs fair at Armley library', visibility: 'network' }, author);
    if (!armley.ok) throw new Error(armley.reason);
    await store.responses.addResponseNote(s.network.id, armley.id, { status: 'under-way', note: 'First fair booked for February' }, author);
    await store.responses.createResponse(s.network.id, { ...fields, themeId: theme(HEALTH), wholeNetwork: true, wardCodes: [], action: 'Raise waiting times with the health board' }, author);
    await store.responses.createResponse(s.network.id, { ...fields, themeId: theme(WORK), wholeNetwork: false, wardCodes: ['E05011397'], action: 'Apprenticeships in Headingley' }, author);
  });
}

test('a ward’s report for the board: figures with small counts hidden, consented quotes only, a chart screen readers can read, A4 print and the server’s PDF', async ({ page, context, server, seeded }) => {
  test.setTimeout(90_000);
  await seedResponses(server);
  await signInAs(context, seeded.people.staff, server.url);
  await page.goto('/');
  await seedArmley(page, seeded, server.url);

  await page.goto(`/wards/${ARMLEY}`);
  await page.getByRole('link', { name: 'Armley’s report, to print or save as PDF' }).click();
  await expect(page).toHaveURL(`/wards/${ARMLEY}/report`);
  await expect(page.getByRole('heading', { level: 1, name: 'Armley: what residents told us' })).toBeVisible();
  await expect(page.getByText(`Ward in Leeds · ONS ward code ${ARMLEY} · local authority E08000035`)).toBeVisible();
  await expect(page.getByText('October 2026 to December 2026')).toBeVisible();
  await expect(page.getByText('Conversations on any date')).toBeVisible();

  await expect(page.getByRole('img', { name: /Bar chart of conversations touching each charter theme/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /Bar chart of conversations per month/ })).toBeVisible();
  const themes = await rowsOf(page, 'Conversations per charter theme');
  expect(themes).toHaveLength(6);
  expect(themes).toContainEqual([WORK, '21']);
  expect(themes).toContainEqual([HEALTH, 'fewer than 10']);
  expect(themes).toContainEqual(['Reducing Environmental Impact', 'fewer than 10']);
  expect(await rowsOf(page, 'Conversations per month')).toEqual([
    ['October 2026', 'fewer than 10'],
    ['November 2026', '15'],
    ['December 2026', 'fewer than 10']
  ]);
  await expect(page.locator('.facts')).toContainText('29');
  await expect(page.getByText('We need proper jobs round here')).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Keep this between us');
  await expect(page.getByText(BOUNDARY_ATTRIBUTION)).toBeVisible();

  // You said, we did: Armley's responses and the whole network's, each with its status; not another ward's.
  const responses = page.getByRole('region', { name: 'You said, we did' });
  await expect(responses.getByRole('heading', { level: 3 })).toHaveText([`Armley Community Centre: ${HEALTH}`, `Armley Community Centre: ${WORK}`]);
  await expect(responses.getByRole('listitem').filter({ hasText: 'A jobs fair at Armley library' })).toContainText('Under way');
  await expect(responses).toContainText('First fair booked for February');
  await expect(responses).toContainText('The whole network');
  await expect(responses).not.toContainText('Apprenticeships in Headingley');

  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    await expectNoViolations(page, `ward report at ${size.width}×${size.height}`);
  }

  // Printed: no header, menu, sync bar or buttons; A4.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.app-header')).toBeHidden();
  await expect(page.getByRole('link', { name: 'Download PDF' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Armley: what residents told us' })).toBeVisible();
  const printed = await page.pdf({ format: 'A4' });
  expect(printed.subarray(0, 5).toString()).toBe('%PDF-');
  expect(printed.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[56]\.\d+ 84[12]\.\d+\]/);
  expect(pdfText(printed).replace(/\s+/g, '')).toContain('Armley:whatresidentstoldus');
  await page.emulateMedia({ media: 'screen' });

  // Download PDF: made by the server's Chromium, as this person sees the page.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download PDF' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^ward-report-armley-\d{4}-\d{2}-\d{2}\.pdf$/);
  const pdf = readFileSync(await download.path());
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const text = pdfText(pdf).replace(/\s+/g, ' ');
  for (const words of ['Armley: what residents told us', 'Leeds Anchor Network', `${WORK} 21`, `${HEALTH} fewer than 10`, 'November 2026 15', 'We need proper jobs round here', 'A jobs fair at Armley library', 'First fair booked for February', 'Open Government Licence']) {
    expect(text).toContain(words);
  }
  expect(text).not.toContain('Keep this between us');
  expect(text).not.toContain('Download PDF');

  // Both were written to the audit log, with who and which ward, never what residents said.
  const audit = await (await fetch(`${server.url}/audit/__data.json?action=export`, { headers: { cookie: `al_session=${seeded.people.coordinator.session}` } })).text();
  expect(audit).toContain('Ward report: Armley (page to print)');
  expect(audit).toContain('Ward report: Armley (PDF)');
  expect(audit).not.toContain('We need proper jobs');
});

test('reports and ward figures answer bad filters with a 400 and an unknown ward with a 404, in words', async ({ page, context, server, seeded }) => {
  await signInAs(context, seeded.people.staff, server.url);
  await page.goto(`/wards/${ARMLEY}/report?from=2026-13-45`);
  await expect(page.getByText('This report cannot be made: from: Enter a real date')).toBeVisible();
  await page.goto('/wards/E05999999/report');
  await expect(page.getByText('This network has no ward with that code.')).toBeVisible();
  await page.goto('/report?from=2026-12-01&to=2026-11-01');
  await expect(page.getByText('The start date must be the same as or before the end date')).toBeVisible();

  const staff = { cookie: `al_session=${seeded.people.staff.session}` };
  const cases = [
    ['/api/reports/wards/E05011385/pdf?event=not-an-event', 400, 'Choose one of the network’s events'],
    ['/api/reports/wards/E05999999/pdf', 404, 'no ward with that code'],
    ['/api/reports/network/pdf?organisation=x', 400, 'Choose one of the network’s organisations'],
    ['/api/export/ward-figures?to=tomorrow', 400, 'These ward figures cannot be made: to:']
  ] as const;
  for (const [path, status, words] of cases) {
    const answer = await fetch(`${server.url}${path}`, { headers: staff });
    expect(answer.status, path).toBe(status);
    expect((await answer.json()).error.message, path).toContain(words);
  }
  const geojson = await fetch(`${server.url}/api/export/ward-figures?from=2026-11-01`, { headers: staff });
  expect(geojson.status).toBe(200);
  expect(geojson.headers.get('content-disposition')).toMatch(/^attachment; filename="ward-figures-/);
  expect((await geojson.json()).features).toHaveLength(33);
});

test('the network’s report lists every ward, with small counts hidden, and every response, and passes axe on a phone and a tablet', async ({ page, context, server, seeded }) => {
  await seedResponses(server);
  await signInAs(context, seeded.people.staff, server.url);
  await page.goto('/');
  await seedArmley(page, seeded, server.url);
  await page.goto('/map');
  await page.getByRole('link', { name: 'Network report to print' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${seeded.network.name}: what residents told us` })).toBeVisible();
  const wards = await rowsOf(page, 'Conversations per ward');
  expect(wards).toHaveLength(33);
  expect(wards).toContainEqual(['Armley', '29']);
  expect(wards).toContainEqual(['Headingley & Hyde Park', 'fewer than 10']);
  const responses = page.getByRole('region', { name: 'You said, we did' });
  await expect(responses.getByRole('heading', { level: 3 })).toHaveCount(3);
  await expect(responses).toContainText('Apprenticeships in Headingley');
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    await expectNoViolations(page, `network report at ${size.width}×${size.height}`);
  }
});

test('a coordinator chooses a quote for reports on the ward page; the report prints it first, and anchor staff never get quotes’ keys', async ({ page, context, server, seeded }) => {
  await signInAs(context, seeded.people.coordinator, server.url);
  await page.goto('/');
  const theme = await themesByName(page.request);
  await pushConversations(server.url, seeded, [
    makeConversation({ wardCode: ARMLEY, recordedAt: '2026-10-02T10:00:00.000Z', themeIds: [theme[WORK]], quotes: [{ text: 'The one the board should hear', consentToQuote: true }] }),
    ...[3, 4, 5, 6, 7, 8, 9].map((day) =>
      makeConversation({ wardCode: ARMLEY, recordedAt: `2026-11-0${day}T10:00:00.000Z`, themeIds: [theme[WORK]], quotes: [{ text: `Newer words ${day}`, consentToQuote: true }] })
    )
  ]);
  await page.goto(`/wards/${ARMLEY}/report`);
  await expect(page.getByText('The one the board should hear')).toHaveCount(0); // the 6 most recent only

  await page.goto(`/wards/${ARMLEY}`);
  const choose = page.getByRole('button', { name: /^Choose for reports\s*–\s*quote 8, October 2026$/ });
  await choose.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Chosen for reports.' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Take off reports\s*–\s*quote 8/ })).toBeVisible();
  await expectNoViolations(page, 'ward page with quotes to choose');

  await page.goto(`/wards/${ARMLEY}/report`);
  await expect(page.locator('.quotes li').first()).toContainText('The one the board should hear');
  await expect(page.getByText('1 chosen for reports by the network’s coordinator, then the most recent')).toBeVisible();

  // Anchor staff see which quotes are chosen, but cannot choose, and get no keys.
  const staff = { cookie: `al_session=${seeded.people.staff.session}` };
  const staffData = await (await fetch(`${server.url}/wards/${ARMLEY}/__data.json`, { headers: staff })).text();
  expect(staffData).toContain('The one the board should hear');
  expect(staffData).not.toMatch(/[0-9a-f-]{36}\.1/);
  const refused = await fetch(`${server.url}/wards/${ARMLEY}?/chooseQuote`, {
    method: 'POST',
    headers: { ...staff, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'quote=x&chosen=no'
  });
  expect(refused.status).toBe(403);
});
