import { NO_CONVERSATIONS_FILL, TOO_FEW_FILL } from '../../src/lib/map/choropleth';
import { makeConversation } from '../support/conversations';
import { expect, test } from './fixtures';
import { CapturePage } from './pages/capture-page';
import { MapPage } from './pages/map-page';
import { SettingsPage } from './pages/settings-page';
import { SetupPage } from './pages/setup-page';
import { pushConversations, themesByName } from './push-conversations';

const ARMLEY = 'E05011385';
const HEADINGLEY = 'E05011397';
const CENTRE = 'Armley Community Centre';
const CHURCH = 'St Chad’s Church';
const WORK = 'Widening Access to Quality Work';

test('a coordinator adds organisations, tablets record for the one they are enrolled for, and anchor staff filter the map by organisation', async ({ page, server }) => {
  const seeded = await SetupPage.leeds(page, server);
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.addOrganisation('  ');
  await expect(settings.errorSummary).toContainText('Enter the organisation’s name');
  await expect(page.getByLabel('Organisation name')).toHaveAccessibleDescription(/Enter the organisation’s name/);
  await settings.addOrganisation('armley community centre');
  await expect(settings.errorSummary).toContainText(`There is already an organisation called “armley community centre”. Give this one another name.`);
  await settings.addOrganisation(CHURCH);
  await expect(settings.saved(`Organisation added: ${CHURCH}`)).toBeVisible();

  // This tablet is enrolled for the centre: what is recorded on it is the centre's.
  await page.goto('/capture');
  const capture = new CapturePage(page);
  // The form below consent (and the organisation it records for) shows once the resident agrees.
  await capture.giveConsent();
  await expect(page.getByText(`Recorded for ${CENTRE}`)).toBeVisible();
  await capture.record({ ward: 'Armley', themes: [WORK], loves: 'Centre first' });
  await capture.record({ ward: 'Armley', themes: [WORK] });
  await expect(capture.waiting).toHaveText('All synced');
  // The youth hub's tablet records one in Headingley.
  const theme = await themesByName(page.request);
  await pushConversations(server.url, seeded, [makeConversation({ wardCode: HEADINGLEY, themeIds: [theme[WORK]] })], {
    tablet: seeded.chapeltownTablet,
    worker: seeded.workers.chidi
  });

  const map = new MapPage(page);
  await map.open();
  await expect(map.status).toContainText('3 conversations in 2 wards');
  await page.getByLabel('Organisation', { exact: true }).selectOption({ label: CENTRE });
  await expect(map.status).toContainText('2 conversations in 1 ward');
  await expect(map.ward(ARMLEY)).toHaveAttribute('fill', TOO_FEW_FILL); // 2 are fewer than the minimum of 5 for a share
  await expect(map.ward(HEADINGLEY)).toHaveAttribute('fill', NO_CONVERSATIONS_FILL);
  await expect(page).toHaveURL(/[?&]organisation=[0-9a-f-]{36}/);
  await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'No organisation given' });
  await expect(map.status).toContainText('0 conversations in 0 wards');

  // Archived: what it recorded keeps it, and a conversation recorded for it can still be edited.
  await settings.open();
  await page.getByRole('button', { name: `Archive ${CENTRE}` }).click();
  await expect(settings.saved(`Organisation archived: ${CENTRE}`)).toBeVisible();
  await page.getByRole('link', { name: 'My conversations' }).click();
  await page.getByRole('listitem').filter({ hasText: 'Centre first' }).getByRole('link').click();
  await expect(page.getByText(`Recorded for ${CENTRE}`)).toBeVisible();
  await page.getByLabel('Number of people in the conversation').fill('2');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Changes saved on this device.')).toBeVisible();
  await expect(capture.waiting).toHaveText('All synced');
  const figures = await (await page.request.get(`/api/map?theme=${theme[WORK]}&organisation=${seeded.organisations.armley.id}`)).json();
  expect(figures.wards.find((w: { code: string }) => w.code === ARMLEY)).toMatchObject({ conversations: 2, withTheme: 2 });
});
