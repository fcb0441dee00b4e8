import type { BrowserContext, Page } from '@playwright/test';
import { makeConversation } from '../support/conversations';
import type { SeededNetwork } from '../support/seed-network';
import { expectNoViolations, SCREEN_SIZES } from './axe';
import { expect, test } from './fixtures';
import { signInAs } from './manage-seed';
import { MapPage } from './pages/map-page';
import { PeoplePage } from './pages/people-page';
import { SignInPage } from './pages/sign-in-page';
import { pushConversations, themesByName } from './push-conversations';

/**
 * "You said, we did" (issue 15): a staff member responds for Armley on a theme; the ward page and
 * the public page show it, the "not yet answered" view drops Armley for that theme; a response
 * kept within the network never reaches the public page, nor does an unconsented quote or a small count.
 */

const ARMLEY = 'E05011385';
const WORK = 'Widening Access to Quality Work';
const HEALTH = 'Tackling Health Inequalities';
const ORGANISATION = 'Armley Community Centre';

/** Armley: 15 conversations, 12 about work (one with a quote shared and one not), 3 about health (below 10: hidden in public). */
async function seedArmley(page: Page, seeded: SeededNetwork, url: string) {
  const theme = await themesByName(page.request);
  await pushConversations(url, seeded, [
    ...Array.from({ length: 12 }, (_, i) =>
      makeConversation({
        wardCode: ARMLEY,
        recordedAt: `2026-11-${String(10 + i).padStart(2, '0')}T10:00:00.000Z`,
        themeIds: [theme[WORK]],
        quotes: i === 0 ? [{ text: 'We need proper jobs round here', consentToQuote: true }, { text: 'Keep this between us', consentToQuote: false }] : []
      })
    ),
    ...Array.from({ length: 3 }, () => makeConversation({ wardCode: ARMLEY, recordedAt: '2026-11-25T10:00:00.000Z', themeIds: [theme[HEALTH]] }))
  ]);
  return theme;
}

/** The coordinator puts Sam (anchor staff) in an organisation, as Settings › People does; then Sam is signed in. */
async function samForArmley(page: Page, context: BrowserContext, seeded: SeededNetwork, url: string) {
  await signInAs(context, seeded.people.coordinator, url);
  const people = new PeoplePage(page);
  await people.open();
  await people.changeRole('Sam Staff', 'Anchor staff', ORGANISATION);
  await expect(people.notice).toContainText(`for ${ORGANISATION}`);
  // A new role or organisation means signing in again.
  await context.clearCookies();
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(seeded.people.staff.email, seeded.people.staff.password);
  await expect(signIn.heading).toHaveCount(0);
}

async function respond(page: Page, { theme, action, visibility, quote }: { theme: string; action: string; visibility: 'public' | 'network'; quote?: string }) {
  await page.goto(`/wards/${ARMLEY}`);
  await page.getByRole('link', { name: 'Respond for Armley' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Respond to what residents said' })).toBeVisible();
  await expect(page.getByText(`Responding for: ${ORGANISATION}`)).toBeVisible();
  await page.getByLabel('Charter theme residents raised').selectOption({ label: theme });
  await expect(page.getByRole('checkbox', { name: 'Armley', exact: true })).toBeChecked();
  await page.getByLabel('What your organisation will do').fill(action);
  const due = page.getByRole('group', { name: 'By when' });
  await due.getByLabel('Day').fill('31');
  await due.getByLabel('Month').fill('3');
  await due.getByLabel('Year').fill('2027');
  await page.getByRole('radio', { name: visibility === 'public' ? 'Public: residents can read it' : 'Kept within the network' }).check();
  if (quote) await page.getByRole('checkbox', { name: new RegExp(quote) }).check();
  await page.getByRole('button', { name: 'Save response' }).click();
  await expect(page.getByText('Response saved.')).toBeVisible();
  return page.url();
}

test('a staff member responds for Armley: the ward page and the public page show it, and Armley on that theme is no longer "not yet answered"', async ({ page, context, browser, server, seeded }) => {
  test.setTimeout(120_000);
  await samForArmley(page, context, seeded, server.url);
  await page.goto('/');
  await seedArmley(page, seeded, server.url);

  // Before: Armley raised work in 12 of 15 conversations, and nobody has answered.
  await page.goto('/map/not-yet-answered');
  const table = page.getByRole('table', { name: /not yet answered/ });
  await expect(table.getByRole('row', { name: new RegExp(`Armley ${WORK}`) })).toBeVisible();
  // The same on the map, chosen as a way to colour the wards (and kept in its URL).
  const map = new MapPage(page);
  await map.open();
  await map.chooseTheme(WORK);
  await page.getByRole('radio', { name: 'Raised often but not yet answered by an anchor' }).check();
  await expect(page).toHaveURL(/measure=unanswered/);
  const unanswered = page.getByTestId('unanswered-summary');
  await expect(unanswered).toHaveText(`1 ward where ${WORK} was raised in 25% or more of its conversations has no response yet.`);
  await expect(map.ward(ARMLEY)).toHaveAccessibleName(`Armley, Leeds: 15 conversations, 12 about ${WORK} (80%); not yet answered`);
  await expect(map.legend).toContainText('Raised in 25% or more, not yet answered (1 ward)');
  expect(await map.row('Armley')).toMatchObject({ Share: '80%', Response: 'Not yet answered' });
  const unansweredMap = page.url();

  // A mistake first: nothing filled in is refused, saying what to fix, and nothing is made.
  await page.goto(`/responses/new?ward=${ARMLEY}`);
  await page.getByLabel('What your organisation will do').fill('   ');
  await page.getByRole('button', { name: 'Save response' }).click();
  const summary = page.getByRole('alert');
  await expect(summary.getByRole('link', { name: 'Choose one of the network’s themes' })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Say what your organisation will do' })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Enter the date you will do it by' })).toBeVisible();
  await page.goto('/responses');
  await expect(page.getByText('No anchor has responded yet.')).toBeVisible();

  const responseUrl = await respond(page, { theme: WORK, action: 'A jobs fair at Armley library, with local employers', visibility: 'public', quote: 'We need proper jobs round here' });
  await respond(page, { theme: HEALTH, action: 'Raise waiting times with the health board', visibility: 'network' });

  // A dated update sets the status.
  await page.goto(responseUrl);
  const update = page.getByRole('region', { name: 'Add an update' });
  await update.getByRole('radio', { name: 'Under way' }).check();
  await update.getByLabel('What has happened').fill('First fair booked for February');
  await update.getByRole('button', { name: 'Add update' }).click();
  await expect(page.getByText('Update added.')).toBeVisible();

  // The ward page lists both, each with its status.
  await page.goto(`/wards/${ARMLEY}`);
  const section = page.getByRole('region', { name: 'What anchors are doing' });
  await expect(section.getByRole('heading', { name: `${ORGANISATION}: ${WORK}` })).toBeVisible();
  await expect(section.getByRole('heading', { name: `${ORGANISATION}: ${HEALTH}` })).toBeVisible();
  await expect(section.getByText('Kept within the network')).toBeVisible();

  // "Not yet answered" drops Armley for work (and health was never raised often enough).
  await page.goto('/map/not-yet-answered');
  await expect(page.getByRole('row', { name: new RegExp(`Armley ${WORK}`) })).toHaveCount(0);
  await expect(page.getByTestId('unanswered-empty')).toBeVisible();
  await page.goto(unansweredMap);
  await expect(unanswered).toHaveText(`Every ward where ${WORK} was raised in 25% or more of its conversations has a response.`);
  await expect(map.ward(ARMLEY)).toHaveAccessibleName(`Armley, Leeds: 15 conversations, 12 about ${WORK} (80%); an anchor has responded`);
  expect(await map.row('Armley')).toMatchObject({ Response: 'An anchor has responded' });

  // A resident, not signed in, reads the public page.
  const resident = await browser.newContext({ baseURL: server.url, serviceWorkers: 'block' });
  const phone = await resident.newPage();
  await phone.goto(`/you-said/${ARMLEY}`);
  await expect(phone.getByRole('heading', { level: 1, name: 'You said, we did: Armley' })).toBeVisible();
  await expect(phone.getByText('A jobs fair at Armley library, with local employers')).toBeVisible();
  await expect(phone.getByText('Under way')).toBeVisible();
  await expect(phone.getByText('First fair booked for February')).toBeVisible();
  await expect(phone.getByText('“We need proper jobs round here”').first()).toBeVisible();
  const body = await phone.locator('main').innerText();
  expect(body).not.toContain('Raise waiting times with the health board');
  expect(body).not.toContain('Keep this between us');
  expect(body).not.toContain('Sam Staff');
  const rows = await phone.getByRole('table', { name: 'How many conversations raised each theme' }).locator('tbody tr').allInnerTexts();
  expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toContain(`${WORK} 12`);
  expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toContain(`${HEALTH} fewer than 10`);
  expect(body).toContain('Conversations with residents of Armley: 15');
  // Rendered on the server, with no JavaScript at all.
  expect(await phone.locator('script').count()).toBe(0);
  const html = await (await phone.request.get(`/you-said/${ARMLEY}`)).text();
  expect(html).toContain('A jobs fair at Armley library');
  expect(html).not.toContain('<script');

  // The poster carries a QR code to the page.
  await phone.goto(`/you-said/${ARMLEY}/poster`);
  await expect(phone.getByRole('img', { name: `QR code for ${server.url}/you-said/${ARMLEY}` })).toBeVisible();
  await expect(phone.getByText('A jobs fair at Armley library, with local employers')).toBeVisible();
  await resident.close();
});

test('the coordinator can switch public ward pages off: then they are not found, and on again', async ({ page, context, browser, server, seeded }) => {
  await signInAs(context, seeded.people.coordinator, server.url);
  await page.goto('/settings');
  const section = page.getByRole('region', { name: 'Public ward pages' });
  await section.getByRole('radio', { name: 'No, switch them off' }).check();
  await section.getByRole('button', { name: 'Save public ward pages' }).click();
  await expect(section.getByText('Public ward pages are off.')).toBeVisible();
  const resident = await browser.newContext({ baseURL: server.url });
  const off = await resident.newPage();
  const response = await off.goto(`/you-said/${ARMLEY}`);
  expect(response?.status()).toBe(404);
  await expect(off.getByText('This network does not publish ward pages.')).toBeVisible();
  await section.getByRole('radio', { name: 'Yes, publish them' }).check();
  await section.getByRole('button', { name: 'Save public ward pages' }).click();
  await expect(section.getByText('Public ward pages are on.')).toBeVisible();
  expect((await resident.request.get(`/you-said/${ARMLEY}`)).status()).toBe(200);
  await resident.close();
});

test('every new page passes axe at phone and tablet size and works from the keyboard', async ({ page, context, browser, server, seeded }) => {
  test.setTimeout(150_000);
  await samForArmley(page, context, seeded, server.url);
  await page.goto('/');
  await seedArmley(page, seeded, server.url);
  const responseUrl = await respond(page, { theme: WORK, action: 'A jobs fair', visibility: 'public', quote: 'We need proper jobs round here' });
  const resident = await (await browser.newContext({ baseURL: server.url })).newPage();

  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    await resident.setViewportSize(size);
    const at = `${size.width}×${size.height}`;
    for (const path of ['/responses', `/responses/new?ward=${ARMLEY}`, responseUrl.replace(server.url, ''), '/map/not-yet-answered', '/map?measure=unanswered&raised=0.1', `/wards/${ARMLEY}`]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      // The map's view, once coloured: its legend, Response column and summary are checked too.
      if (path.startsWith('/map?')) await expect(page.getByTestId('unanswered-summary')).toBeVisible();
      await expectNoViolations(page, `${path} at ${at}`);
    }
    await page.goto(`/responses/new?ward=${ARMLEY}`);
    await page.getByRole('button', { name: 'Save response' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoViolations(page, `a response with errors at ${at}`);
    for (const path of [`/you-said/${ARMLEY}`, `/you-said/${ARMLEY}/poster`]) {
      await resident.goto(path);
      await expectNoViolations(resident, `${path} at ${at}`);
    }
  }

  // Keyboard only: from the ward page's "Respond" to a saved response, with no mouse.
  await page.goto(`/wards/${ARMLEY}`);
  await tabTo(page, (el) => el.textContent?.trim() === 'Respond for Armley');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Respond to what residents said' })).toBeVisible();
  await tabTo(page, (el) => el.id === 'response-theme');
  await page.keyboard.press('ArrowDown');
  await tabTo(page, (el) => el.id === 'response-action');
  await page.keyboard.type('Keyboard-made response');
  await tabTo(page, (el) => el.id === 'response-due-day');
  await page.keyboard.type('1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('6');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2027');
  await tabTo(page, (el) => el.textContent?.trim() === 'Save response');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Response saved.')).toBeVisible();

  // The public page: its links reached in order by Tab.
  await resident.goto(`/you-said/${ARMLEY}`);
  await tabTo(resident, (el) => el.textContent?.trim() === 'A poster of this page to print');
  await resident.keyboard.press('Enter');
  await expect(resident).toHaveURL(new RegExp(`/you-said/${ARMLEY}/poster$`));
  await resident.context().close();
});

/** Presses Tab until the focused element matches (at most 80 times): fails if it never does. */
async function tabTo(page: Page, matches: (el: Element) => boolean) {
  const source = `(${matches.toString()})(document.activeElement)`;
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((code) => Boolean(document.activeElement && (0, eval)(code)), source)) return;
  }
  throw new Error(`Tab never reached the element (${matches.toString()})`);
}
