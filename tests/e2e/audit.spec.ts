import { sessionCookie } from '../support/seed-network';
import { withServerStore } from '../support/server-database';
import { expect, test } from './fixtures';
import { AuditPage } from './pages/audit-page';
import { SignInPage } from './pages/sign-in-page';

test('the audit log shows sign-ins and failures, newest first, and filters them', async ({ page, browser, server, seeded }) => {
  const { people } = seeded;
  const other = await (await browser.newContext({ baseURL: server.url })).newPage();
  const signIn = new SignInPage(other);
  await signIn.open();
  await signIn.signIn('nobody@leeds-anchors.example', 'a guess at a password');
  await expect(signIn.errorSummary).toBeVisible();
  await signIn.signIn(people.staff.email, people.staff.password);
  await expect(other.getByRole('heading', { name: 'Anchor Listening', level: 1 })).toBeVisible();
  // Anchor staff may not read the log: refused by the server, or by its data when the service worker serves the page.
  await other.goto('/audit');
  await expect(other.getByText('Your role does not allow this.').first()).toBeVisible();
  await expect(other.getByRole('heading', { name: 'Audit log' })).toHaveCount(0);

  await page.context().addCookies([sessionCookie(people.coordinator, server.url)]);
  const audit = new AuditPage(page);
  await audit.open();
  const rows = audit.rows();
  await expect(rows.first()).toContainText('Signed in');
  await expect(rows.first()).toContainText('Sam Staff');
  await expect(rows.nth(1)).toContainText('Sign-in failed');
  await expect(rows.nth(1)).toContainText('Someone not signed in');
  await expect(rows.nth(1)).toContainText('nobody@leeds-anchors.example');
  await expect(rows.nth(1)).toContainText('reason: no such account');
  await expect(rows.first().getByRole('cell').first()).toHaveText(/^\d{1,2} \w{3} \d{4}, \d\d:\d\d:\d\d$/);

  await audit.filter({ action: 'Sign-in failed' });
  await expect(page).toHaveURL(/action=sign-in-failed/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('nobody@leeds-anchors.example');

  await audit.filter({ action: 'Any action', who: 'SAM' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Signed in');

  const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);
  await audit.filter({ who: '', from: tomorrow });
  await expect(page.getByRole('status').filter({ hasText: 'No entries match these filters.' })).toBeVisible();
  await expect(rows).toHaveCount(0);
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await expect(rows.first()).toContainText('Signed in');

  // A filter typed into the address that cannot be used is said so, not an error page.
  await audit.open('?from-day=30&from-month=2&from-year=2026&action=made-up');
  await expect(page.getByRole('alert').getByRole('link')).toHaveText(['Choose an action from the list', 'The “From” date must be a real date']);
  await expect(rows.first()).toContainText('Signed in');
});

test('the audit log pages through older entries, 50 at a time', async ({ page, server, seeded }) => {
  const { network, people } = seeded;
  await withServerStore(server, async (store) => {
    for (let i = 1; i <= 60; i++) {
      await store.audit.record(network.id, { actor: { kind: 'person', id: people.coordinator.id, name: 'Cora Coordinator' }, action: 'settings-changed', subject: `Change ${i}` });
    }
  });
  await page.context().addCookies([sessionCookie(people.coordinator, server.url)]);
  const audit = new AuditPage(page);
  await audit.open('?action=settings-changed');
  const rows = audit.rows();
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText('Change 60');
  await expect(rows.last()).toContainText('Change 11');
  await page.getByRole('link', { name: 'Older entries' }).click();
  await expect(rows).toHaveCount(10);
  await expect(rows.first()).toContainText('Change 10');
  await expect(rows.last()).toContainText('Change 1');
  await expect(page).toHaveURL(/action=settings-changed/);
  await expect(page.getByRole('link', { name: 'Older entries' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Newest entries' }).click();
  await expect(rows.first()).toContainText('Change 60');
});

test('tablet and access settings are checked, saved and written to the audit log', async ({ page, server, seeded }) => {
  const { people } = seeded;
  await page.context().addCookies([sessionCookie(people.coordinator, server.url)]);
  await page.goto('/settings');
  const minutes = page.getByLabel('Minutes before an idle tablet locks');
  await expect(minutes).toHaveValue('10');
  const leadsSee = page.getByLabel('Organisation leads may see residents’ contact details, to follow them up');
  await expect(leadsSee).not.toBeChecked();
  const save = page.getByRole('button', { name: 'Save tablets and access' });
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  for (const [typed, message] of [
    ['0', 'The minutes must be between 1 and 240 (4 hours)'],
    ['7.5', 'Enter the minutes as a whole number, like 10'],
    ['', 'Enter the number of minutes before an idle tablet locks']
  ]) {
    await minutes.fill(typed);
    await save.click();
    await expect(summary).toContainText(message);
    await expect(minutes).toHaveValue(typed);
  }
  await minutes.fill('15');
  await leadsSee.check();
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Tablets and access saved.' })).toBeVisible();
  await page.reload();
  await expect(minutes).toHaveValue('15');
  await expect(leadsSee).toBeChecked();

  await page.getByLabel('Organisation name').fill('Seacroft Food Bank');
  await page.getByRole('button', { name: 'Add organisation' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Organisation added: Seacroft Food Bank' })).toBeVisible();

  const audit = new AuditPage(page);
  await audit.open('?action=settings-changed');
  await expect(audit.rows()).toHaveCount(2);
  await expect(audit.rows().first()).toContainText('Organisation added: Seacroft Food Bank');
  await expect(audit.rows().nth(1)).toContainText('Tablets and access');
  await expect(audit.rows().nth(1)).toContainText('idleLockMinutes: 15, leadsSeeContacts: yes');
  await expect(audit.rows().nth(1)).toContainText('Cora Coordinator');
});
