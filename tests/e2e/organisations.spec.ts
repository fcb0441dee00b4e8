import { BLUES_5, NO_CONVERSATIONS_FILL } from '../../src/lib/map/choropleth';
import { expect, test } from './fixtures';
import { CapturePage } from './pages/capture-page';
import { MapPage } from './pages/map-page';
import { SettingsPage } from './pages/settings-page';
import { SetupPage } from './pages/setup-page';

const ARMLEY = 'E05011385';
const HEADINGLEY = 'E05011397';
const CENTRE = 'Armley Community Centre';
const CHURCH = 'St Chad’s Church';
const WORK = 'Widening Access to Quality Work';

test('a coordinator adds organisations, workers record under theirs, and anchor staff filter the map by organisation', async ({ page, request }) => {
  await SetupPage.leeds(page);
  const settings = new SettingsPage(page);
  await settings.open();
  await expect(page.getByText('No organisations yet.')).toBeVisible();
  await settings.addOrganisation('  ');
  await expect(settings.errorSummary).toContainText('Enter the organisation’s name');
  await expect(page.getByLabel('Organisation name')).toHaveAccessibleDescription(/Enter the organisation’s name/);
  await settings.addOrganisation(CENTRE);
  await expect(settings.saved(`Organisation added: ${CENTRE}`)).toBeVisible();
  await settings.addOrganisation('armley community centre');
  await expect(settings.errorSummary).toContainText(`There is already an organisation called “armley community centre”. Give this one another name.`);
  await settings.addOrganisation(CHURCH);
  await expect(settings.saved(`Organisation added: ${CHURCH}`)).toBeVisible();

  const reference = await (await request.get('/api/reference')).json();
  const centreId = reference.organisations.find((o: { name: string }) => o.name === CENTRE).id;
  const workId = reference.themes.find((t: { name: string }) => t.name === WORK).id;

  // The tablet offers them once it has the new reference data; the choice stays for the next resident.
  await page.goto('/capture');
  const capture = new CapturePage(page);
  await capture.record({ ward: 'Armley', organisation: CENTRE, themes: [WORK], loves: 'Centre first' });
  await expect(page.getByLabel('Your organisation')).toHaveValue(/.+/);
  await capture.record({ ward: 'Armley', themes: [WORK] }); // still the centre
  await capture.record({ ward: 'Headingley & Hyde Park', organisation: CHURCH, themes: [WORK] });
  await expect(capture.waiting).toHaveText('All conversations are synced');

  const map = new MapPage(page);
  await map.open();
  await expect(map.status).toContainText('3 conversations in 2 wards');
  await page.getByLabel('Organisation', { exact: true }).selectOption({ label: CENTRE });
  await expect(map.status).toContainText('2 conversations in 1 ward');
  await expect(map.ward(ARMLEY)).toHaveAttribute('fill', BLUES_5[4]);
  await expect(map.ward(HEADINGLEY)).toHaveAttribute('fill', NO_CONVERSATIONS_FILL);
  await expect(page).toHaveURL(/[?&]organisation=[0-9a-f-]{36}/);
  await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'No organisation given' });
  await expect(map.status).toContainText('0 conversations in 0 wards');

  // Archived: no longer offered on tablets; what it recorded keeps it.
  await settings.open();
  await page.getByRole('button', { name: `Archive ${CENTRE}` }).click();
  await expect(settings.saved(`Organisation archived: ${CENTRE}`)).toBeVisible();
  await page.goto('/capture');
  await expect(page.getByLabel('Your organisation').locator('option')).toHaveText(['Not given', CHURCH]);

  // A conversation recorded for it can still be edited, and keeps it.
  await page.getByRole('link', { name: 'My conversations' }).click();
  await page.getByRole('listitem').filter({ hasText: 'Centre first' }).getByRole('link').click();
  await expect(page.getByLabel('Your organisation').locator('option:checked')).toHaveText('An organisation no longer listed');
  await page.getByLabel('Number of people in the conversation').fill('2');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Changes saved on this device.')).toBeVisible();
  await expect(capture.waiting).toHaveText('All conversations are synced');
  const figures = await (await request.get(`/api/map?theme=${workId}&organisation=${centreId}`)).json();
  expect(figures.wards.find((w: { code: string }) => w.code === ARMLEY)).toMatchObject({ conversations: 2, withTheme: 2 });
});
