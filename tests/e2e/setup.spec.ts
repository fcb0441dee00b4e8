import type { Page } from '@playwright/test';
import { WARD_FILES } from '../support/shared-data';
import { expect, test } from './fixtures';
import { expectNoViolations, SCREEN_SIZES } from './axe';
import { AccountPage } from './pages/account-page';
import { AuditPage } from './pages/audit-page';
import { PeoplePage } from './pages/people-page';
import { FIRST_COORDINATOR, SetupPage } from './pages/setup-page';

const file = (name: string, text: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

// First-run set-up: these servers start with no network.
test.use({ seedOptions: null });

/** Sets up the Leeds Anchor Network through the set-up page, as a first coordinator would; they land on People. */
async function setUpLeeds(page: Page) {
  const setup = new SetupPage(page);
  await setup.open();
  await setup.submit({ name: 'Leeds Anchor Network', wardsFile: WARD_FILES.leeds, coordinator: FIRST_COORDINATOR });
  await expect(page.getByRole('heading', { name: 'Your network is set up' })).toBeVisible();
}

test('set-up names every problem at once, linked to its field, and keeps what was typed but the passwords', async ({ page }) => {
  const setup = new SetupPage(page);
  await setup.open();
  await expect(page.getByLabel('Charter themes')).toHaveValue(/^Widening Access to Quality Work\n/);

  await setup.submit({ name: '' });
  await expect(setup.errorSummary.getByRole('link')).toHaveText([
    'Enter the name of your network',
    'Choose a ward boundary file: a GeoJSON file of wards from the ONS Open Geography Portal.',
    'Enter your name',
    'Enter your email address',
    'A password must be at least 10 characters: three random words make a good one'
  ]);
  await expect(setup.errorSummary).toBeFocused();

  await setup.submit({
    name: 'Leeds Anchor Network',
    wardsFile: file('wards.csv', 'code,name\nE05011385,Armley\n'),
    coordinator: { name: FIRST_COORDINATOR.name, email: 'cora-at-leeds', password: FIRST_COORDINATOR.password, passwordAgain: 'correct horse' }
  });
  await expect(setup.errorSummary.getByRole('link')).toHaveText([
    /The ward boundary file is not GeoJSON/,
    'Enter an email address in the right format, like name@example.org',
    'The two passwords are not the same'
  ]);
  await expect(page.getByLabel('Network name')).toHaveValue('Leeds Anchor Network');
  await expect(page.getByLabel('Your name')).toHaveValue(FIRST_COORDINATOR.name);
  await expect(page.getByLabel('Your email address')).toHaveValue('cora-at-leeds');
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('Password again')).toHaveValue('');

  await setup.submit({
    wardsFile: file('plain.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Armley' }, geometry: null }] })),
    coordinator: { email: FIRST_COORDINATOR.email, password: FIRST_COORDINATOR.password }
  });
  await expect(setup.errorSummary.getByRole('link')).toHaveText([/no ward code property/]);
  await setup.errorSummary.getByRole('link').click();
  await expect(page.getByLabel('Ward boundaries')).toBeFocused();
});

test('set-up creates the first coordinator and signs them in, with what to do next', async ({ page }) => {
  await setUpLeeds(page);
  const people = new PeoplePage(page);
  await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible();
  await expect(page.getByText('Invite the people who will use Anchor Listening')).toBeVisible();
  await expect(people.person('Cora Smith')).toContainText('cora@leeds-anchors.example');
  await expect(people.person('Cora Smith')).toContainText('Coordinator');

  const account = new AccountPage(page);
  await account.open();
  await expect(account.detail('Role')).toHaveText('Coordinator in Leeds Anchor Network');

  const audit = new AuditPage(page);
  await audit.open();
  await expect(audit.rows().filter({ hasText: 'Network set up' })).toContainText('Cora Smith');

  // Set up once: the page now sends everyone on.
  await page.goto('/setup');
  await expect(page).toHaveURL(/\/$/);
});

test('the set-up page refuses a second network, even from a page opened before the first', async ({ page, browser, server }) => {
  const early = await (await browser.newContext({ baseURL: server.url })).newPage();
  const earlySetup = new SetupPage(early);
  await earlySetup.open();
  await setUpLeeds(page);
  await earlySetup.submit({ name: 'Another network', wardsFile: WARD_FILES.leeds, coordinator: { name: 'Mallory', email: 'mallory@example.org', password: 'a long enough password' } });
  await expect(early).toHaveURL(`${server.url}/`);
  await early.goto('/account');
  await expect(early.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  const people = new PeoplePage(page);
  await people.open();
  await expect(people.person('Mallory')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'People in the network' }).getByRole('listitem')).toHaveCount(1);
});

for (const viewport of SCREEN_SIZES) {
  const at = `at ${viewport.width}×${viewport.height}`;

  test(`set-up shows every error at once ${at}, each beside its field, and keeps the file that was fine`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const setup = new SetupPage(page);
    await setup.open();
    await setup.submit({ name: '', wardsFile: WARD_FILES.leeds, coordinator: { name: '', email: 'cora-at-leeds', password: 'short', passwordAgain: 'shirt' } });
    const problems = [
      ['Network name', 'Enter the name of your network'],
      ['Your name', 'Enter your name'],
      ['Your email address', 'Enter an email address in the right format, like name@example.org'],
      ['Password', 'A password must be at least 10 characters: three random words make a good one'],
      ['Password again', 'The two passwords are not the same']
    ];
    await expect(setup.errorSummary.getByRole('link')).toHaveText(problems.map(([, message]) => message));
    await expect(setup.errorSummary).toBeFocused();
    for (const [label, message] of problems) {
      const field = page.getByLabel(label, { exact: true });
      await expect(field).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      await expect(field).toHaveAttribute('aria-invalid', 'true');
    }
    await expect(page.getByLabel('Ward boundaries')).toHaveAccessibleDescription(/Still chosen: leeds-wards\.geojson \(33 wards\), which was fine/);
    await expect(page.getByLabel('Your email address')).toHaveValue('cora-at-leeds');
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
    await expectNoViolations(page, `set-up with every error ${at}`);

    // Fixing every field at once sets the network up: the file was not chosen again.
    await setup.submit({ name: 'Leeds Anchor Network', coordinator: FIRST_COORDINATOR });
    await expect(page.getByRole('heading', { name: 'Your network is set up' })).toBeVisible();
  });
}

