import { seedServer, sessionCookie } from '../support/seed-network';
import { expect, test } from './fixtures';
import { expectNoViolations, SCREEN_SIZES } from './axe';
import { PeoplePage } from './pages/people-page';
import { SignInPage } from './pages/sign-in-page';

// From before set-up: these servers start with no network.
test.use({ seedOptions: null });

for (const viewport of SCREEN_SIZES) {
  test(`axe finds no WCAG 2.2 AA violations on the account pages at ${viewport.width}×${viewport.height}`, async ({ page, browser, server }) => {
    // Fourteen pages and states, each scanned by axe, and a server restart: 90 s was not enough on 2 cores.
    test.setTimeout(240_000);
    await page.setViewportSize(viewport);
    await page.goto('/privacy');
    await expect(page.getByText('has not been set up yet')).toBeVisible();
    await expectNoViolations(page, 'privacy before set-up');
    await page.goto('/setup');
    await page.getByRole('button', { name: 'Set up network' }).click();
    await expect(page.getByRole('alert', { name: 'There is a problem' })).toBeVisible();
    await expectNoViolations(page, 'set-up with errors');

    // Mail "set up" (to a port nobody answers) so the reset page shows its form.
    server.configure({ SMTP_URL: 'smtp://127.0.0.1:9' });
    const { people } = await seedServer(server);

    const signIn = new SignInPage(page);
    await signIn.open();
    await expectNoViolations(page, 'sign-in');
    await signIn.signIn(people.staff.email, 'not the password');
    await expect(signIn.errorSummary).toBeVisible();
    await expectNoViolations(page, 'sign-in with an error');

    await page.goto('/reset-password');
    await expect(page.getByRole('button', { name: 'Send me a link' })).toBeVisible();
    await expectNoViolations(page, 'reset password');

    await page.goto('/privacy');
    await expect(page.getByRole('heading', { name: 'Who can see what' })).toBeVisible();
    await expectNoViolations(page, 'privacy');

    await page.context().addCookies([sessionCookie(people.coordinator, server.url)]);
    const peoplePage = new PeoplePage(page);
    await peoplePage.open();
    await expectNoViolations(page, 'people');
    await peoplePage.invite({ email: 'priya@leeds-hospitals.example', role: 'Organisation lead' });
    await expect(peoplePage.errorSummary).toBeVisible();
    await expectNoViolations(page, 'people, invitation with an error');
    await peoplePage.changeRole('Sam Staff', 'Organisation lead');
    await expect(peoplePage.errorSummary).toBeVisible();
    await expectNoViolations(page, 'people, role change with an error');
    // The SMTP server does not answer, so the link is shown to pass on.
    await peoplePage.invite({ email: 'priya@leeds-hospitals.example', role: 'Anchor staff' });
    const link = await peoplePage.shownLink('Invitation link', 'priya@leeds-hospitals.example');
    await peoplePage.manage('Lee Lead');
    await expectNoViolations(page, 'people, with a link to copy and a person’s actions open');
    await peoplePage.press('Lee Lead', 'Make a password reset link for Lee Lead');
    const resetLink = await peoplePage.shownLink('Password reset link', people.lead.email);

    await page.goto('/audit');
    await expect(page.getByRole('table')).toBeVisible();
    await expectNoViolations(page, 'audit log');
    await page.goto('/audit?from-day=30&from-month=2&from-year=2026');
    await expect(page.getByRole('alert', { name: 'There is a problem' })).toBeVisible();
    await expectNoViolations(page, 'audit log with a bad filter');

    await page.goto('/account');
    await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
    await expectNoViolations(page, 'account');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('alert', { name: 'There is a problem' })).toBeVisible();
    await expectNoViolations(page, 'account with errors');

    const invited = await (await browser.newContext({ baseURL: server.url, viewport })).newPage();
    await invited.goto(link);
    await expect(invited.getByRole('heading', { name: 'Join Leeds Anchor Network' })).toBeVisible();
    await expectNoViolations(invited, 'invitation');
    await invited.getByRole('button', { name: 'Create account' }).click();
    await expect(invited.getByRole('alert', { name: 'There is a problem' })).toBeVisible();
    await expectNoViolations(invited, 'invitation with errors');
    await invited.goto(resetLink);
    await expect(invited.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    await expectNoViolations(invited, 'new password with a reset link');
    await invited.getByRole('button', { name: 'Save new password' }).click();
    await expect(invited.getByRole('alert', { name: 'There is a problem' })).toBeVisible();
    await expectNoViolations(invited, 'new password with errors');
    await invited.goto('/invitation/not-a-real-token');
    await expect(invited.getByRole('heading', { name: 'This invitation link cannot be used' })).toBeVisible();
    await expectNoViolations(invited, 'invitation refused');
  });
}
