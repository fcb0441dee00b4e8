import type { BrowserContext, Page } from '@playwright/test';
import { makeConversation } from '../support/conversations';
import type { SeededNetwork } from '../support/seed-network';
import { INDICATOR_FILES } from '../support/shared-data';
import { expectNoViolations, SCREEN_SIZES } from './axe';
import { expect, test } from './fixtures';
import { signInAs } from './manage-seed';
import { IndicatorsPage } from './pages/indicators-page';
import { PeoplePage } from './pages/people-page';
import { SignInPage } from './pages/sign-in-page';
import { pushConversations, themesByName } from './push-conversations';

/**
 * The progression framework (issue 15, point 4): a coordinator defines the stages and what one
 * means for a theme; a staff member of Armley self-assesses; the network view counts it beside
 * how often residents raised the theme. A staff member cannot assess for another organisation.
 */

const ARMLEY = 'E05011385';
const WORK = 'Widening Access to Quality Work';
const HEALTH = 'Tackling Health Inequalities';
const ORGANISATION = 'Armley Community Centre';

/** Armley: 15 conversations, 12 about work (80 %), 3 about health (below 10: hidden). */
async function seedArmley(page: Page, seeded: SeededNetwork, url: string) {
  const theme = await themesByName(page.request);
  await pushConversations(url, seeded, [
    ...Array.from({ length: 12 }, (_, i) =>
      makeConversation({ wardCode: ARMLEY, recordedAt: `2026-11-${String(10 + i).padStart(2, '0')}T10:00:00.000Z`, themeIds: [theme[WORK]] })
    ),
    ...Array.from({ length: 3 }, () => makeConversation({ wardCode: ARMLEY, recordedAt: '2026-11-25T10:00:00.000Z', themeIds: [theme[HEALTH]] }))
  ]);
  return theme;
}

/** The coordinator puts Sam (anchor staff) in Armley, as Settings › People does; then Sam signs in. */
async function signInSamForArmley(page: Page, context: BrowserContext, seeded: SeededNetwork, url: string) {
  await signInAs(context, seeded.people.coordinator, url);
  const people = new PeoplePage(page);
  await people.open();
  await people.changeRole('Sam Staff', 'Anchor staff', ORGANISATION);
  await expect(people.notice).toContainText(`for ${ORGANISATION}`);
  await context.clearCookies();
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(seeded.people.staff.email, seeded.people.staff.password);
  await expect(signIn.heading).toHaveCount(0);
}

const IMD = 'IMD 2019 average rank';

/** The coordinator uploads the IMD 2019 ranks: Armley is among Leeds' most deprived 20 % of wards. */
async function uploadImd(page: Page) {
  const indicators = new IndicatorsPage(page);
  await indicators.open();
  await indicators.chooseFile(INDICATOR_FILES.imd2019Wd25);
  await indicators.upload({ name: IMD, source: 'English Indices of Deprivation 2019' });
  await expect(indicators.status).toContainText(`${IMD} saved`);
}

const themeRow = (page: Page, theme: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: theme, exact: true }) });

async function assess(page: Page, theme: string, stage: string, evidence: string) {
  await page.goto('/progression/assess');
  await page.getByRole('link', { name: theme }).click();
  await page.getByRole('radio', { name: stage }).check();
  await page.getByLabel('Evidence').fill(evidence);
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await expect(page.getByText('Assessment saved.')).toBeVisible();
}

test('a coordinator defines the stages, a staff member self-assesses, and the network view changes', async ({ page, context, server, seeded }) => {
  test.setTimeout(120_000);
  await signInAs(context, seeded.people.coordinator, server.url);
  await page.goto('/');
  await seedArmley(page, seeded, server.url);

  // Without a ward indicator the view says how to compare the most deprived wards.
  await page.goto('/progression');
  await expect(page.getByText('a coordinator uploads a ward indicator')).toBeVisible();
  await uploadImd(page);

  // The coordinator renames the first stage, adds a fifth, and says what "Beginning" means for work.
  await page.goto('/progression/stages');
  await page.getByLabel('Name').first().fill('Beginning');
  await page.locator('#stage-name-5').fill('Sharing');
  await page.getByRole('button', { name: 'Save stages' }).click();
  await expect(page.getByText('Stages saved.')).toBeVisible();
  await page.getByText(WORK, { exact: true }).click();
  await page.locator('details[open]').getByLabel('Beginning').fill('We advertise some jobs locally.');
  await page.getByRole('button', { name: `Save for ${WORK}` }).click();
  await expect(page.getByText('Saved what the stages mean for this theme.')).toBeVisible();

  // Before any assessment: nobody at any stage; residents' shares are there already.
  await page.goto('/progression');
  await expect(page.getByText('0 of 2 organisations have assessed themselves.')).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Sharing' })).toBeVisible();
  await expect(themeRow(page, WORK).getByRole('cell').nth(5)).toHaveText('2'); // not assessed
  // All wards and the most deprived 20 % (Armley is among them, and the only ward with conversations).
  await expect(themeRow(page, WORK).getByRole('cell').nth(6)).toHaveText('80 %');
  await expect(themeRow(page, WORK).getByRole('cell').nth(7)).toHaveText('80 %');
  await expect(themeRow(page, HEALTH).getByRole('cell').nth(6)).toHaveText('fewer than 10');
  await expect(page.getByText(`ranked by “${IMD}”`)).toBeVisible();

  await signInSamForArmley(page, context, seeded, server.url);
  await page.goto('/progression/assess');
  await page.getByRole('link', { name: WORK }).click();
  // Each stage says what it means for this theme (or in general where the coordinator wrote nothing).
  await expect(page.getByText('We advertise some jobs locally.')).toBeVisible();
  // Plain-English errors, nothing saved.
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await expect(page.getByRole('alert')).toContainText('Choose a stage');
  await expect(page.getByRole('alert')).toContainText('Say what shows you are at this stage');
  await page.getByRole('group', { name: 'Date you assessed' }).getByLabel('Year').fill('2098');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await expect(page.getByRole('alert')).toContainText('The date you assessed must be today or in the past');
  await assess(page, WORK, 'Established', 'A local jobs fair every quarter; 40 hires from Armley.');
  await expect(page.getByRole('listitem').filter({ hasText: 'A local jobs fair every quarter' })).toContainText('Established (now)');
  await assess(page, WORK, 'Leading', 'We now run the network’s jobs fair.');
  await expect(page.getByRole('listitem').filter({ hasText: 'A local jobs fair every quarter' })).not.toContainText('(now)');

  await page.goto('/progression');
  await expect(page.getByText('1 of 2 organisations have assessed themselves.')).toBeVisible();
  const cells = themeRow(page, WORK).getByRole('cell');
  await expect(cells.nth(2)).toHaveText('0'); // Established: the earlier assessment is history
  await expect(cells.nth(3)).toHaveText('1'); // Leading
  await expect(cells.nth(5)).toHaveText('1'); // not assessed: Chapeltown

  // The export has both assessments, the latest marked current.
  const csv = await (await page.request.get('/api/export/progression')).text();
  expect(csv.trim().split('\r\n')).toHaveLength(3);
  expect(csv).toContain('Leading,Yes');
  expect(csv).toContain('Established,No');

  // The network report has a Progression section.
  await signInAs(context, seeded.people.coordinator, server.url);
  await page.goto('/report');
  await expect(page.getByRole('heading', { name: 'Progression', level: 2 })).toBeVisible();

  // Every change is in the audit log.
  await page.goto('/audit');
  for (const action of ['Progression stages changed', 'What progression stages mean for a theme changed', 'Progression self-assessment made', 'Export made']) {
    await expect(page.getByRole('table').getByRole('cell', { name: action, exact: true }).first()).toBeVisible();
  }
});

test('a staff member cannot assess for another organisation: refused, nothing written', async ({ page, context, server, seeded }) => {
  test.setTimeout(90_000);
  await signInSamForArmley(page, context, seeded, server.url);
  const theme = await themesByName(page.request);
  // The page offers only Sam's own organisation, whatever the address asks for.
  await page.goto(`/progression/assess?organisation=${seeded.organisations.chapeltown.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Assess progression: ${ORGANISATION}`);
  const refused = await page.request.post('/progression/assess', {
    headers: { origin: server.url },
    form: {
      organisationId: seeded.organisations.chapeltown.id,
      themeId: theme[WORK],
      stage: '4',
      evidence: 'Not ours to say',
      'assessedOn-day': '1',
      'assessedOn-month': '12',
      'assessedOn-year': '2026'
    }
  });
  expect(refused.status()).toBe(403);
  const csv = await (await page.request.get('/api/export/progression')).text();
  expect(csv.trim().split('\r\n')).toHaveLength(1);
});

test('every progression page passes axe at phone and tablet size and works from the keyboard', async ({ page, context, server, seeded }) => {
  test.setTimeout(180_000);
  await signInAs(context, seeded.people.coordinator, server.url);
  await page.goto('/');
  await seedArmley(page, seeded, server.url);
  const theme = await themesByName(page.request);
  const armley = seeded.organisations.armley.id;
  await assessAs(page, armley, WORK, 'Developing');
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    const at = `${size.width}×${size.height}`;
    for (const path of ['/progression', '/progression/stages', '/progression/assess', `/progression/assess?organisation=${armley}`, `/progression/assess?organisation=${armley}&theme=${theme[WORK]}`]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoViolations(page, `${path} at ${at}`);
    }
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoViolations(page, `an assessment with errors at ${at}`);
    await page.goto('/progression/stages');
    await page.locator('#stage-name-2').fill('');
    await page.getByRole('button', { name: 'Save stages' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoViolations(page, `stages with errors at ${at}`);
  }

  // Keyboard only: a stage renamed and saved.
  await page.goto('/progression/stages');
  await tabTo(page, (el) => el.id === 'stage-name-1');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Beginning');
  await tabTo(page, (el) => el.textContent?.trim() === 'Save stages');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Stages saved.')).toBeVisible();

  // Keyboard only: from the network view to a saved assessment.
  await page.goto('/progression');
  await tabTo(page, (el) => el.textContent?.trim() === 'Assess your organisation');
  await page.keyboard.press('Enter');
  await tabTo(page, (el) => el.id === 'organisation');
  await tabTo(page, (el) => el.textContent?.trim() === 'Continue');
  await page.keyboard.press('Enter');
  await tabTo(page, (el) => el.textContent?.trim() === 'Widening Access to Quality Work'); // WORK (the function runs in the page)
  await page.keyboard.press('Enter');
  await tabTo(page, (el) => el.id === 'assess-stage');
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: 'Beginning' })).toBeChecked();
  await tabTo(page, (el) => el.id === 'assess-evidence');
  await page.keyboard.type('Typed from the keyboard');
  await tabTo(page, (el) => el.textContent?.trim() === 'Save assessment');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Assessment saved.')).toBeVisible();
});

test('the network view at tablet size, for the README', async ({ page, context, server, seeded }) => {
  test.setTimeout(90_000);
  await signInAs(context, seeded.people.coordinator, server.url);
  await page.goto('/');
  await seedArmley(page, seeded, server.url);
  await uploadImd(page);
  await assessAs(page, seeded.organisations.armley.id, WORK, 'Established');
  await assessAs(page, seeded.organisations.chapeltown.id, WORK, 'Starting out');
  await assessAs(page, seeded.organisations.chapeltown.id, HEALTH, 'Developing');
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/progression');
  await expect(page.getByText('2 of 2 organisations have assessed themselves.')).toBeVisible();
  await page.getByRole('heading', { name: 'Anchors and residents, theme by theme' }).evaluate((h) => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 16));
  await page.screenshot({ path: 'docs/images/progression.png' });
});

/** A coordinator's assessment of an organisation on a theme. */
async function assessAs(page: Page, organisationId: string, theme: string, stage: string) {
  await page.goto(`/progression/assess?organisation=${organisationId}`);
  await page.getByRole('link', { name: theme }).click();
  await page.getByRole('radio', { name: stage }).check();
  await page.getByLabel('Evidence').fill(`Evidence for ${stage}`);
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await expect(page.getByText('Assessment saved.')).toBeVisible();
}

/** Presses Tab until the focused element matches (at most 80 times): fails if it never does. */
async function tabTo(page: Page, matches: (el: Element) => boolean) {
  const source = `(${matches.toString()})(document.activeElement)`;
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((code) => Boolean(document.activeElement && (0, eval)(code)), source)) return;
  }
  throw new Error(`Tab never reached the element (${matches.toString()})`);
}
