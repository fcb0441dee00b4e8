import { makeConversation } from '../support/conversations';
import { INDICATOR_FILES } from '../support/shared-data';
import { expect, test } from './fixtures';
import { IndicatorsPage } from './pages/indicators-page';
import { SetupPage } from './pages/setup-page';
import { WardPage } from './pages/ward-page';
import { WardsPage } from './pages/wards-page';
import { pushConversations } from './push-conversations';

const IMD = 'IMD 2019 average rank';
/** Leeds' seven lowest IMD 2019 average ranks in the shared file, most deprived first. */
const LEEDS_MOST_DEPRIVED = [
  'Gipton & Harehills',
  'Burmantofts & Richmond Hill',
  'Killingbeck & Seacroft',
  'Armley',
  'Middleton Park',
  'Beeston & Holbeck',
  'Hunslet & Riverside'
];

const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

test('a coordinator uploads the IMD file; ward pages and the wards table show it, with a most-deprived filter', async ({ page, server }) => {
  const seeded = await SetupPage.leeds(page, server);
  await pushConversations(server.url, seeded, [
    makeConversation({ wardCode: 'E05011385' }), // Armley
    makeConversation({ wardCode: 'E05011397' }) // Headingley & Hyde Park
  ]);
  const indicators = new IndicatorsPage(page);
  await indicators.open();
  await expect(page.getByText('No indicators yet.')).toBeVisible();

  // Nothing filled in: every problem, linked to its field.
  await indicators.upload({});
  await expect(indicators.errorSummary).toBeFocused();
  await expect(indicators.errorSummary).toContainText('Enter a name for the indicator');
  await expect(indicators.errorSummary).toContainText('Choose a CSV file');
  await indicators.errorSummary.getByRole('link', { name: 'Enter a name for the indicator' }).click();
  await expect(page.getByLabel('Indicator name')).toBeFocused();

  // A file with bad rows: each listed by row, nothing stored.
  await indicators.upload({
    name: IMD,
    file: csv('bad.csv', 'code,imd_avg_rank_popweighted\nE05011385,4592\nArmley,12\nE05011397,lots\n')
  });
  await expect(indicators.errorSummary).toContainText('The file has 2 problems: fix them and upload the file again');
  await expect(page.getByText('Row 3: “Armley” is not a ward code')).toBeVisible();
  await expect(page.getByText('Row 4: “lots” in the column “imd_avg_rank_popweighted” is not a number')).toBeVisible();
  await expect(page.getByLabel('CSV file')).toHaveAccessibleDescription(/Row 3: “Armley” is not a ward code/);
  await expect(page.getByText('No indicators yet.')).toBeVisible();

  // The England file: its likely columns and direction are chosen on picking it.
  await indicators.chooseFile(INDICATOR_FILES.imd2019Wd25);
  await expect(page.getByLabel('Column of ward codes')).toHaveValue('code');
  await expect(page.getByLabel('Column of figures')).toHaveValue('imd_avg_rank_popweighted');
  await expect(page.getByLabel('Low figures, as in a rank where 1 is the most deprived')).toBeChecked();
  await indicators.upload({ source: 'English Indices of Deprivation 2019 (MHCLG), OGL v3.0' });
  await expect(indicators.status).toContainText(`${IMD} saved: figures for 33 of this network’s 33 wards.`);
  await expect(indicators.status).toContainText('6,793 rows for wards outside this network ignored.');
  await expect(indicators.status).toContainText('0 blank figures skipped.');
  await expect(indicators.errorSummary).toBeHidden();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: IMD }) });
  await expect(row.getByRole('cell')).toHaveText(['33 of 33', 'Low figures', 'English Indices of Deprivation 2019 (MHCLG), OGL v3.0', 'Remove']);
  await expect(page.getByLabel('Indicator name')).toHaveValue('');

  // The API the map reads.
  const api = await (await page.request.get('/api/indicators')).json();
  expect(api).toHaveLength(1);
  expect(api[0]).toMatchObject({ name: IMD, lowerIsMoreDeprived: true });
  expect(Object.keys(api[0].values)).toHaveLength(33);
  expect(api[0].values.E05011385).toBe(4592);

  // Ward pages: Armley is 4th most deprived of 33; Bramley 8th, just outside the 20 %.
  const ward = new WardPage(page);
  await ward.open('E05011385', 'Armley');
  await expect(ward.indicator(IMD)).toContainText('4,592 — among the most deprived 20 % of this network’s wards (4th most deprived of 33)');
  await expect(ward.indicator(IMD)).toContainText('Lower figures mean more deprived. Source: English Indices of Deprivation 2019');
  await ward.open('E05011387', 'Bramley & Stanningley');
  await expect(ward.indicator(IMD)).toContainText('7,144.7 — 8th most deprived of this network’s 33 wards');

  // The wards table: a column, and the filter.
  const wards = new WardsPage(page);
  await wards.open();
  expect(await wards.row('Armley')).toMatchObject({ [IMD]: '4,592', Conversations: '1' });
  expect(await wards.row('Headingley & Hyde Park')).toMatchObject({ [IMD]: '15,640.3' });
  await page.getByLabel('Most deprived 20 % of wards only').check();
  await expect(page.getByText('Showing 1 of 33 wards.')).toBeVisible(); // Armley: the only one with conversations
  await page.getByLabel('Only wards with conversations').uncheck();
  await expect(page.getByText('Showing 7 of 33 wards.')).toBeVisible();
  const shown = await page.getByRole('table').getByRole('rowheader').allInnerTexts();
  expect(shown.toSorted()).toEqual(LEEDS_MOST_DEPRIVED.toSorted());
});

test('uploading again under the same name replaces the figures, and an indicator can be removed', async ({ page, server }) => {
  await SetupPage.leeds(page, server);
  const indicators = new IndicatorsPage(page);
  await indicators.open();
  await indicators.chooseFile(csv('score.csv', 'WD25CD,IMD score\nE05011385,40.5\nE05011397,12\n'));
  await expect(page.getByLabel('Column of ward codes')).toHaveValue('WD25CD');
  await expect(page.getByLabel('Column of figures')).toHaveValue('');
  await page.getByLabel('Column of figures').selectOption('IMD score');
  await expect(page.getByLabel('High figures, as in a deprivation score')).toBeChecked();
  await indicators.upload({ name: 'IMD score' });
  await expect(indicators.status).toContainText('IMD score saved: figures for 2 of this network’s 33 wards.');
  await expect(indicators.status).toContainText('No figure for 31 wards:');

  await indicators.chooseFile(csv('score.csv', 'WD25CD,IMD score\nE05011385,41\n'));
  await page.getByLabel('Column of figures').selectOption('IMD score');
  await indicators.upload({ name: 'imd SCORE' });
  await expect(indicators.status).toContainText('imd SCORE replaced: figures for 1 of this network’s 33 wards.');
  await expect(page.getByRole('rowheader')).toHaveText(['imd SCORE']);

  await page.getByRole('button', { name: 'Remove imd SCORE' }).click();
  await expect(indicators.status).toContainText('Indicator removed: imd SCORE');
  await expect(page.getByText('No indicators yet.')).toBeVisible();
  expect(await (await page.request.get('/api/indicators')).json()).toEqual([]);
});
