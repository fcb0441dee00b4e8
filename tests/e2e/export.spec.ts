import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { makeConversation } from '../support/conversations';
import { expectNoViolations, SCREEN_SIZES } from './axe';
import { expect, test } from './fixtures';
import { recordConversations, seedForManagers, signInAs } from './manage-seed';

const ARMLEY = 'E05011385';
const HEADINGLEY = 'E05011397';

test('a coordinator filters conversations on Export and downloads them as CSV: the file holds those rows, consented quotes only, never contact details; the export is audited', async ({ page, context, server }) => {
  const seeded = await seedForManagers(server, (store, s) =>
    recordConversations(store, s.network.id, s.tablet, s.workers.amina.id, [
      makeConversation({ wardCode: ARMLEY, recordedAt: '2026-11-20T10:00:00.000Z', quotes: [{ text: '=SUM(A1) keep the baths open', consentToQuote: true }, { text: 'Do not share this', consentToQuote: false }], followUp: { wanted: true, contact: 'ann@example.org' } }),
      makeConversation({ wardCode: ARMLEY, recordedAt: '2026-11-22T10:00:00.000Z', peopleCount: 3 }),
      makeConversation({ wardCode: ARMLEY, recordedAt: '2026-10-01T10:00:00.000Z' }),
      makeConversation({ wardCode: HEADINGLEY, recordedAt: '2026-11-21T10:00:00.000Z' })
    ])
  );
  await signInAs(context, seeded.people.coordinator, server.url);
  await page.goto('/export');
  await expect(page.getByRole('heading', { name: 'Export', level: 1 })).toBeVisible();
  await expect(page.getByText('4 rows for these filters.')).toBeVisible();
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    await expectNoViolations(page, `Export page at ${size.width}×${size.height}`);
  }

  // Armley, from 1 November 2026.
  await page.getByText('Wards (all)').click();
  await page.getByLabel('Armley').check();
  const from = page.getByRole('group', { name: 'From' });
  await from.getByLabel('Day').fill('1');
  await from.getByLabel('Month').fill('11');
  await from.getByLabel('Year').fill('2026');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(new RegExp(`/export\\?from=2026-11-01&wards=${ARMLEY}$`));
  const conversations = page.getByRole('region', { name: 'Conversations' });
  await expect(conversations.getByText('2 rows for these filters.')).toBeVisible();

  const downloading = page.waitForEvent('download');
  await conversations.getByRole('link', { name: /^Download CSV\s*: Conversations$/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^conversations-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await readFile((await download.path())!, 'utf8');
  const [header, ...rows] = Papa.parse<string[]>(text.trim(), { newline: '\r\n' }).data;
  const cell = (row: string[], name: string) => row[header.indexOf(name)];
  expect(rows.map((row) => [cell(row, 'Ward code'), cell(row, 'Date'), cell(row, 'People')])).toEqual([
    [ARMLEY, '2026-11-20', '1'],
    [ARMLEY, '2026-11-22', '3']
  ]);
  expect(cell(rows[0], 'Quote 1')).toBe("'=SUM(A1) keep the baths open");
  expect(text).not.toMatch(/Do not share|ann@example/);
  await expect(conversations.getByRole('status')).toContainText(`Saved ${download.suggestedFilename()}: 2 rows.`);

  // The same filters as one spreadsheet: a sheet per view, the quote as text (never a formula).
  const spreadsheet = page.getByRole('region', { name: 'Spreadsheet' });
  const downloadingXlsx = page.waitForEvent('download');
  await spreadsheet.getByRole('link', { name: /^Download spreadsheet \(XLSX\)\s*: Spreadsheet$/ }).click();
  const xlsx = await downloadingXlsx;
  expect(xlsx.suggestedFilename()).toMatch(/^anchor-listening-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile((await xlsx.path())!)) as never);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Conversations', 'Ward × theme', 'Themes by month', 'Responses', 'Progression']);
  const sheet = workbook.getWorksheet('Conversations')!;
  expect(sheet.rowCount).toBe(3);
  const quoteColumn = (sheet.getRow(1).values as unknown[]).findIndex((v) => (v as { richText?: { text: string }[] })?.richText?.[0]?.text === 'Quote 1');
  expect(sheet.getRow(2).getCell(quoteColumn).type).toBe(ExcelJS.ValueType.RichText);
  expect(sheet.getRow(2).getCell(quoteColumn).text).toBe('=SUM(A1) keep the baths open');
  await expect(spreadsheet.getByRole('status')).toContainText(`Saved ${xlsx.suggestedFilename()}:`);

  // Filters that match nothing say so.
  await page.goto(`/export?from=2027-01-01&wards=${ARMLEY}`);
  await expect(page.getByRole('region', { name: 'Conversations' }).getByText('No conversations match these filters.')).toBeVisible();
  await expectNoViolations(page, 'Export page with nothing to export');

  // A filter that cannot be used is named, never a crash.
  await page.goto('/export?from=2026-13-45');
  await expect(page.getByText(/From: Enter a real date/)).toBeVisible();

  // The audit log has the export, with its filters and rows.
  await page.goto('/audit');
  await expect(page.getByText('Conversations (CSV)').first()).toBeVisible();
  await expect(page.getByText('Spreadsheet (XLSX)').first()).toBeVisible();
});

test('anchor staff see only the aggregate exports on the Export page, and it passes axe at phone and tablet size', async ({ page, context, server }) => {
  const seeded = await seedForManagers(server);
  await signInAs(context, seeded.people.staff, server.url);
  await page.goto('/export');
  await expect(page.getByRole('heading', { name: 'Figures by ward' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Conversations' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Download CSV/ })).toHaveCount(0); // no responses yet, and no conversations for staff
  // The spreadsheet, without the conversations.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: /^Download spreadsheet \(XLSX\)/ }).click();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile((await (await downloading).path())!)) as never);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Ward × theme', 'Themes by month', 'Responses', 'Progression']);
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    await expectNoViolations(page, `Export page for anchor staff at ${size.width}×${size.height}`);
  }
});

test('a large download shows its progress against the rows the server states, and Cancel stops it with nothing saved', async ({ page, context, server }) => {
  const seeded = await seedForManagers(server, (store, s) =>
    recordConversations(store, s.network.id, s.tablet, s.workers.amina.id,
      Array.from({ length: 2000 }, (_, i) => makeConversation({ wardCode: i % 2 ? ARMLEY : HEADINGLEY, recordedAt: new Date(Date.UTC(2026, 5, 1) + i * 60_000).toISOString() }))
    )
  );
  await signInAs(context, seeded.people.coordinator, server.url);
  await page.goto('/export');
  const conversations = page.getByRole('region', { name: 'Conversations' });
  await expect(conversations.getByText('2,000 rows for these filters.')).toBeVisible();
  // A slow connection (40 KB/s): the 600 KB file takes long enough to watch and cancel.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: 40 * 1024, uploadThroughput: -1 });
  let saved = false;
  page.on('download', () => (saved = true));

  await conversations.getByRole('link', { name: /^Download CSV\s*: Conversations$/ }).click();
  await expect(conversations.getByText(/^Downloading: [0-9,]+ of 2,000 rows$/)).toBeVisible();
  await expect(conversations.getByRole('progressbar')).toHaveAttribute('max', '2000');
  const cancel = conversations.getByRole('button', { name: /^Cancel download/ });
  await expect(cancel).toBeFocused();
  await cancel.press('Enter');
  await expect(conversations.getByRole('status')).toHaveText('Download cancelled. Nothing was saved.');
  expect(saved).toBe(false);

  // The server is free at once: the next export, at full speed, comes whole.
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  const downloading = page.waitForEvent('download');
  await conversations.getByRole('link', { name: /^Download CSV\s*: Conversations$/ }).click();
  await downloading;
  await expect(conversations.getByRole('status')).toContainText('2,000 rows.');
});
