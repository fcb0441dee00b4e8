import type { Browser, Page } from '@playwright/test';
import { MailCatcher } from '../support/mail-catcher';
import { sessionCookie } from '../support/seed-network';
import { withServerSql } from '../support/server-database';
import { expect, test } from './fixtures';
import { AccountPage } from './pages/account-page';
import { PeoplePage } from './pages/people-page';
import { SignInPage } from './pages/sign-in-page';

/** A browser of its own, as the invited person's would be. */
async function freshPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  return context.newPage();
}

const refusedInvitation = (page: Page) => page.getByRole('heading', { name: 'This invitation link cannot be used' });

async function accept(page: Page, link: string, name: string, password: string) {
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Password again').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

test('a coordinator invites someone, who joins with the link once and has the role invited', async ({ page, browser, server, seeded }) => {
  const { people } = seeded;
  await page.context().addCookies([sessionCookie(people.coordinator, server.url)]);
  const peoplePage = new PeoplePage(page);
  await peoplePage.open();

  await peoplePage.invite({ email: 'not an email' });
  await expect(peoplePage.errorSummary.getByRole('link')).toHaveText(['Enter an email address in the right format, like name@example.org', 'Choose what they will do: their role']);
  await peoplePage.errorSummary.getByRole('link', { name: /their role/ }).click();
  await expect(page.getByRole('radio', { name: 'Coordinator' }).first()).toBeFocused();
  await peoplePage.invite({ email: 'olu@armley.example', role: 'Organisation lead' });
  await expect(peoplePage.errorSummary).toContainText('Choose the organisation this lead manages');
  await expect(page.getByRole('region', { name: 'Invite someone' }).getByLabel('Email address')).toHaveValue('olu@armley.example');
  await peoplePage.invite({ email: people.staff.email.toUpperCase(), role: 'Anchor staff' });
  await expect(peoplePage.errorSummary).toContainText('already has an account');

  await peoplePage.invite({ email: 'olu@armley.example', role: 'Organisation lead', organisation: 'Chapeltown Youth Hub' });
  await expect(peoplePage.notice).toContainText('Invitation made for olu@armley.example.');
  await expect(peoplePage.notice).toContainText('Copy this link and send it to olu@armley.example; it works once and expires in 7 days.');
  await expect(page.getByText('Invitation made for olu@armley.example.')).toBeVisible();
  await expect(peoplePage.notice.locator('[tabindex="-1"]')).toBeFocused();
  const link = await peoplePage.shownLink('Invitation link', 'olu@armley.example');
  expect(link).toMatch(new RegExp(`^${server.url}/invitation/[a-z2-7]{32}$`));
  await expect(page.getByRole('region', { name: 'Invitations not yet accepted' }).getByRole('listitem')).toContainText('Organisation lead, Chapeltown Youth Hub');

  const olu = await freshPage(browser, server.url);
  await olu.goto(link);
  await expect(olu.getByRole('heading', { name: 'Join Leeds Anchor Network' })).toBeVisible();
  await expect(olu.getByRole('main')).toContainText('You have been invited to Anchor Listening as organisation lead for Chapeltown Youth Hub');
  await olu.getByRole('button', { name: 'Create account' }).click();
  await expect(olu.getByRole('alert').getByRole('link')).toHaveText(['Enter a name', 'A password must be at least 10 characters: three random words make a good one']);
  await accept(olu, link, 'Olu Okafor', 'river lantern pebble');
  await expect(olu.getByRole('heading', { name: 'Anchor Listening', level: 1 })).toBeVisible();
  const account = new AccountPage(olu);
  await account.open();
  await expect(account.detail('Role')).toHaveText('Organisation lead in Leeds Anchor Network');
  await expect(account.detail('Organisation')).toHaveText('Chapeltown Youth Hub');
  // A lead may not manage people.
  await olu.goto('/settings/people');
  await expect(olu.getByText('Your role does not allow this.').first()).toBeVisible();
  await expect(olu.getByRole('heading', { name: 'People', level: 1 })).toHaveCount(0);

  // The link worked once.
  const again = await freshPage(browser, server.url);
  await again.goto(link);
  await expect(refusedInvitation(again)).toBeVisible();
  await expect(again.getByRole('main')).toContainText('Ask your network’s coordinator to invite you again');

  await peoplePage.open();
  await expect(peoplePage.person('Olu Okafor')).toContainText('Organisation lead, Chapeltown Youth Hub');
  await expect(page.getByRole('region', { name: 'Invitations not yet accepted' })).toHaveCount(0);
});

test('a withdrawn or expired invitation is refused, with what to do', async ({ page, browser, server, seeded }) => {
  const { people } = seeded;
  await page.context().addCookies([sessionCookie(people.coordinator, server.url)]);
  const peoplePage = new PeoplePage(page);
  await peoplePage.open();
  await peoplePage.invite({ email: 'withdrawn@example.org', role: 'Anchor staff' });
  const withdrawn = await peoplePage.shownLink('Invitation link', 'withdrawn@example.org');
  await peoplePage.invite({ email: 'late@example.org', role: 'Anchor staff' });
  const late = await peoplePage.shownLink('Invitation link', 'late@example.org');

  await page.getByRole('button', { name: 'Withdraw the invitation for withdrawn@example.org' }).click();
  await expect(peoplePage.notice).toContainText('Invitation withdrawn: withdrawn@example.org can no longer use its link.');
  await expect(page.getByRole('region', { name: 'Invitations not yet accepted' })).not.toContainText('withdrawn@example.org');

  await withServerSql(server, (sql) => sql.query(`update account_links set expires_at = now() - interval '1 second' where email = 'late@example.org'`));

  const invited = await freshPage(browser, server.url);
  for (const link of [withdrawn, late]) {
    await invited.goto(link);
    await expect(refusedInvitation(invited)).toBeVisible();
  }
  // Made-up links are refused the same way, not with an error.
  const response = await invited.goto('/invitation/not-a-real-token');
  expect(response?.status()).toBe(200);
  await expect(refusedInvitation(invited)).toBeVisible();
});

test('a coordinator’s password reset link works once and ends the person’s sessions', async ({ page, browser, server, seeded }) => {
  const { people } = seeded;
  await page.context().addCookies([sessionCookie(people.coordinator, server.url)]);
  const peoplePage = new PeoplePage(page);
  await peoplePage.open();
  await peoplePage.press('Sam Staff', 'Make a password reset link for Sam Staff');
  await expect(peoplePage.notice).toContainText('Copy this link and send it to sam@leeds-hospitals.example; it works once and expires in 2 hours.');
  const link = await peoplePage.shownLink('Password reset link', people.staff.email);

  const sam = await freshPage(browser, server.url);
  await sam.context().addCookies([sessionCookie(people.staff, server.url)]);
  await sam.goto(link);
  await expect(sam.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await sam.getByLabel('New password', { exact: true }).fill('orange violin summit');
  await sam.getByLabel('New password again').fill('orange violin summit');
  await sam.getByRole('button', { name: 'Save new password' }).click();
  await expect(sam.getByRole('status').filter({ hasText: 'Your password has been changed. Sign in with your new password.' })).toBeVisible();
  // The session Sam had is over: the sign-in page no longer sends them on.
  const signIn = new SignInPage(sam);
  await expect(signIn.heading).toBeVisible();
  await signIn.signIn(people.staff.email, people.staff.password);
  await expect(signIn.errorSummary).toContainText('not right');
  await signIn.signIn(people.staff.email, 'orange violin summit');
  await expect(sam.getByRole('heading', { name: 'Anchor Listening', level: 1 })).toBeVisible();

  const again = await freshPage(browser, server.url);
  await again.goto(link);
  await expect(again.getByRole('heading', { name: 'This password reset link cannot be used' })).toBeVisible();
});

test('a coordinator changes roles, deactivates, reactivates and unlocks people, but never themself', async ({ page, browser, server, seeded }) => {
  const { people } = seeded;
  await page.context().addCookies([sessionCookie(people.coordinator, server.url)]);
  const peoplePage = new PeoplePage(page);
  await peoplePage.open();

  const me = await peoplePage.manage('Cora Coordinator');
  await expect(me).toContainText('You cannot change your own role or deactivate your own account.');
  await expect(me.getByRole('button', { name: /Deactivate/ })).toHaveCount(0);

  await peoplePage.changeRole('Sam Staff', 'Organisation lead');
  await expect(peoplePage.errorSummary).toContainText('Choose the organisation Sam Staff leads');
  await peoplePage.errorSummary.getByRole('link').click();
  await expect(peoplePage.person('Sam Staff').getByLabel('Organisation', { exact: true })).toBeFocused();
  await peoplePage.changeRole('Sam Staff', 'Organisation lead', 'Armley Community Centre');
  await expect(peoplePage.notice).toContainText('Sam Staff is now organisation lead for Armley Community Centre.');
  await expect(peoplePage.person('Sam Staff')).toContainText('Organisation lead, Armley Community Centre');
  // A new role means signing in again.
  const sam = await freshPage(browser, server.url);
  await sam.context().addCookies([sessionCookie(people.staff, server.url)]);
  await sam.goto('/account');
  await expect(new SignInPage(sam).heading).toBeVisible();

  await peoplePage.press('Lee Lead', 'Deactivate Lee Lead');
  await expect(peoplePage.notice).toContainText('Lee Lead can no longer sign in, and has been signed out everywhere.');
  await expect(peoplePage.person('Lee Lead')).toContainText('Deactivated');
  const lee = await freshPage(browser, server.url);
  const leeSignIn = new SignInPage(lee);
  await leeSignIn.open();
  await leeSignIn.signIn(people.lead.email, people.lead.password);
  await expect(leeSignIn.errorSummary).toContainText('Your account has been switched off');
  await peoplePage.press('Lee Lead', 'Reactivate Lee Lead');
  await expect(peoplePage.notice).toContainText('Lee Lead can sign in again.');

  // Five wrong passwords lock Lee out, until a coordinator unlocks the account.
  for (let i = 1; i <= 5; i++) await leeSignIn.signIn(people.lead.email, `wrong ${i}`);
  await expect(leeSignIn.errorSummary).toContainText('locked');
  await peoplePage.open();
  await expect(peoplePage.person('Lee Lead')).toContainText(/Locked until \d\d:\d\d/);
  await peoplePage.press('Lee Lead', 'Unlock Lee Lead’s account');
  await expect(peoplePage.notice).toContainText('Lee Lead’s account is unlocked');
  await expect(peoplePage.person('Lee Lead')).toContainText('Active');
  await leeSignIn.signIn(people.lead.email, people.lead.password);
  await expect(lee.getByRole('heading', { name: 'Anchor Listening', level: 1 })).toBeVisible();
});

test('ids from the forms are checked: a malformed or unknown one gets a 400 or 404 with a message, never a 500', async ({ page, server, seeded }) => {
  const { people } = seeded;
  await page.context().addCookies([sessionCookie(people.coordinator, server.url)]);
  await page.goto('/settings/people');
  /** As a browser without JavaScript posts a form (an HTML page back), or as the page's script does (JSON back). */
  const post = (action: string, form: Record<string, string>, accept = 'text/html') =>
    page.request.post(`/settings/people?/${action}`, { form, headers: { origin: server.url, accept }, maxRedirects: 0 });
  for (const [action, form] of [
    ['deactivate', { personId: 'not-a-uuid' }],
    ['reactivate', { personId: "1'; drop table people; --" }],
    ['unlock', { personId: '' }],
    ['resetLink', {}],
    ['changeRole', { personId: '0000', role: 'coordinator' }],
    ['withdraw', { invitationId: 'abc' }]
  ] as const) {
    const page = await post(action, form);
    expect(page.status(), action).toBe(400);
    const script = await post(action, form, 'application/json');
    expect(script.status(), action).toBe(200);
    const answer = await script.json();
    expect(answer, action).toMatchObject({ type: 'failure', status: 400 });
    expect(answer.data, action).toMatch(/Choose (a person|an invitation) from the list/);
  }
  expect((await post('deactivate', { personId: '01900000-0000-7000-8000-000000000099' })).status()).toBe(404);
  expect((await post('changeRole', { personId: people.staff.id, role: 'superuser' })).status()).toBe(400);
  expect((await post('changeRole', { personId: people.staff.id, role: 'lead', organisationId: 'not-a-uuid' })).status()).toBe(400);
  // Anchor staff may not do any of it.
  await page.context().clearCookies();
  await page.context().addCookies([sessionCookie(people.staff, server.url)]);
  expect((await post('deactivate', { personId: people.coordinator.id })).status()).toBe(403);
});

test('with mail set up, invitations and resets people ask for arrive by email', async ({ page, browser, server, seeded }) => {
  const mail = await MailCatcher.start();
  try {
    server.configure({ SMTP_URL: mail.url, MAIL_FROM: 'Leeds Anchor Network <anchors@leeds-anchors.example>' });
    await server.stop();
    await server.start(); // with mail set up
    const { people } = seeded;
    await page.context().addCookies([sessionCookie(people.coordinator, server.url)]);
    const peoplePage = new PeoplePage(page);
    await peoplePage.open();
    await peoplePage.invite({ email: 'priya@leeds-hospitals.example', role: 'Anchor staff' });
    await expect(peoplePage.notice).toContainText('Invitation emailed to priya@leeds-hospitals.example.');
    await expect(peoplePage.notice).toContainText('We have emailed the link to priya@leeds-hospitals.example.');
    await expect(page.getByRole('textbox', { name: /Invitation link/ })).toHaveCount(0);

    const invitation = await mail.messageTo('priya@leeds-hospitals.example');
    expect(invitation.subject).toBe('Invitation to Leeds Anchor Network on Anchor Listening');
    const priya = await freshPage(browser, server.url);
    await accept(priya, await mail.linkTo('priya@leeds-hospitals.example'), 'Priya Shah', 'harbour biscuit meadow');
    await expect(priya.getByRole('heading', { name: 'Anchor Listening', level: 1 })).toBeVisible();

    // Sam forgot their password: the answer is the same for an address with no account.
    const sam = await freshPage(browser, server.url);
    for (const email of ['nobody@leeds-hospitals.example', people.staff.email]) {
      await sam.goto('/reset-password');
      await sam.getByLabel('Email address').fill(email);
      await sam.getByRole('button', { name: 'Send me a link' }).click();
      await expect(sam.getByRole('status').filter({ hasText: 'If an account uses that address, a link is on its way.' })).toBeVisible();
    }
    await sam.goto(await mail.linkTo(people.staff.email));
    await sam.getByLabel('New password', { exact: true }).fill('copper willow thunder');
    await sam.getByLabel('New password again').fill('copper willow thunder');
    await sam.getByRole('button', { name: 'Save new password' }).click();
    const signIn = new SignInPage(sam);
    await signIn.signIn(people.staff.email, 'copper willow thunder');
    await expect(sam.getByRole('heading', { name: 'Anchor Listening', level: 1 })).toBeVisible();
    expect(mail.messages.map((m) => m.to).flat()).not.toContain('nobody@leeds-hospitals.example');
  } finally {
    await mail.stop();
  }
});

test('without mail, the reset page says to ask the coordinator', async ({ page, server, seeded }) => {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgotten your password?' }).click();
  await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Ask your network’s coordinator for a password reset link.');
  await expect(page.getByLabel('Email address')).toHaveCount(0);
});
