import { uuidv7 } from 'uuidv7';
import { CONTACT_DELETED_NOTE } from '../../src/lib/domain/contact-retention';
import { answersOf, makeConversation } from '../support/conversations';
import { withServerSql, withServerStore } from '../support/server-database';
import { expectNoViolations, SCREEN_SIZES } from './axe';
import { expect, test } from './fixtures';
import { recordConversations, seedForManagers, signInAs } from './manage-seed';
import { RecordsPage } from './pages/records-page';

const ARMLEY_WARD = 'E05011385';
const CONTACT = 'Ring Mr Haddad on 0113 496 0777 after 6pm';
const OTHER_CONTACT = 'Email another-resident@example.org';

/** Amina's conversation whose resident asked to be contacted, and another one, both in Armley. */
async function seedFollowUps(server: Parameters<typeof seedForManagers>[0]) {
  return seedForManagers(server, async (store, { network, tablet, workers }) => {
    const told = makeConversation({ wardCode: ARMLEY_WARD, recordedAt: '2026-11-20T10:30:00.000Z', answers: answersOf('The canal towpath'), followUp: { wanted: true, contact: CONTACT } });
    await recordConversations(store, network.id, tablet, workers.amina.id, [
      told,
      makeConversation({ wardCode: ARMLEY_WARD, recordedAt: '2026-11-19T10:30:00.000Z', answers: answersOf('The library'), followUp: { wanted: true, contact: OTHER_CONTACT } })
    ]);
    return told;
  });
}

/** The tables holding this text anywhere, every row read as text. */
const tablesHolding = (server: Parameters<typeof withServerSql>[0], text: string) =>
  withServerSql(server, async (sql) => {
    const tables = await sql.query<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`
    );
    const holding: string[] = [];
    for (const { name } of tables) {
      const [row] = await sql.query<{ n: number }>(`select count(*)::int as n from "${name}" t where strpos(t::text, $1) > 0`, [text]);
      if (row.n > 0) holding.push(name);
    }
    return holding;
  });

test('a coordinator marks a follow-up done by keyboard, after a confirmation, and the contact details are gone', async ({ page, server }) => {
  const seeded = await seedFollowUps(server);
  await signInAs(page.context(), seeded.people.coordinator, server.url);
  const records = new RecordsPage(page);
  await records.open();
  const told = records.record('The canal towpath');
  await expect(records.field(told, 'Follow-up')).toContainText(CONTACT);

  const mark = told.getByRole('button', { name: /^Mark follow-up done/ });
  await mark.focus();
  await page.keyboard.press('Enter');
  await expect(told.getByText('This deletes the resident’s contact details. It cannot be undone.')).toBeVisible();
  const confirm = told.getByRole('button', { name: 'Yes, delete the contact details' });
  await expect(confirm).toBeFocused();
  // Cancel changes nothing and puts focus back.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(mark).toBeFocused();
  await expect(records.field(told, 'Follow-up')).toContainText(CONTACT);

  await page.keyboard.press('Enter');
  await expect(confirm).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').getByText('Follow-up marked done. The resident’s contact details are deleted.')).toBeVisible();
  await expect(records.field(told, 'Follow-up')).toContainText('Follow-up done');
  await expect(records.field(told, 'Follow-up')).toContainText(`by ${seeded.people.coordinator.name}; contact details deleted.`);
  await expect(told.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(page.locator('main')).not.toContainText(CONTACT);
  await expect(records.field(records.record('The library'), 'Follow-up')).toContainText(OTHER_CONTACT);

  // After a reload too, and nowhere in the database; the audit log says it happened, not what was deleted.
  await records.open();
  await expect(page.locator('main')).not.toContainText(CONTACT);
  expect(await tablesHolding(server, CONTACT)).toEqual([]);
  expect(await tablesHolding(server, OTHER_CONTACT)).toEqual(['follow_up_contacts']);
  const audit = await withServerStore(server, (store) => store.audit.list(seeded.network.id, { action: 'follow-up-done' }, { before: null, limit: 10 }));
  expect(audit.map((entry) => entry.actor.name)).toEqual([seeded.people.coordinator.name]);

  // S10: Amina's tablet, offline since, sends an edit with the contact details it held: the rest
  // of the edit is kept, the contact details are not, and the answer says so.
  const stale = { op: 'update', changeId: uuidv7(), workerId: seeded.workers.amina.id, conversationId: seeded.more.id, baseRevision: 1, fields: { peopleCount: 2, followUp: { wanted: true, contact: `${CONTACT} (typed again)` } } };
  const pushed = await page.request.post('/api/sync/push', {
    data: { protocol: 2, kind: 'push', changes: [stale] },
    headers: { cookie: `al_device=${seeded.tablet.credential}` }
  });
  expect(pushed.status()).toBe(200);
  expect(await pushed.json()).toEqual({ protocol: 2, kind: 'push-result', acknowledged: [stale.changeId], notes: [{ changeId: stale.changeId, message: CONTACT_DELETED_NOTE }] });
  expect(await tablesHolding(server, CONTACT)).toEqual([]);
  await records.open();
  await expect(told.locator('.meta')).toContainText('2 people.');
  await expect(records.field(told, 'Follow-up')).toContainText('Follow-up done');
});

test('a lead marks their organisation’s follow-ups done only where the network lets leads see contact details', async ({ page, server }) => {
  const seeded = await seedFollowUps(server);
  await signInAs(page.context(), seeded.people.lead, server.url);
  const records = new RecordsPage(page);
  await records.open();
  const told = records.record('The canal towpath');
  await expect(records.field(told, 'Follow-up')).toContainText('kept private');
  await expect(told.getByRole('button', { name: /^Mark follow-up done/ })).toHaveCount(0);
  // Posted anyway, it is refused and changes nothing.
  const refused = await page.request.post('/records?/followUpDone', {
    form: { conversationId: seeded.more.id },
    headers: { origin: server.url, 'x-sveltekit-action': 'true' }
  });
  expect(JSON.stringify(await refused.json())).toContain('Only a coordinator, or a lead allowed to see contact details');
  expect(await tablesHolding(server, CONTACT)).toEqual(['follow_up_contacts']);

  await withServerStore(server, (store) => store.setAccessSettings(seeded.network.id, { idleLockMinutes: 10, leadsSeeContacts: true }));
  await records.open();
  await told.getByRole('button', { name: /^Mark follow-up done/ }).click();
  await told.getByRole('button', { name: 'Yes, delete the contact details' }).click();
  await expect(records.field(told, 'Follow-up')).toContainText(`by ${seeded.people.lead.name}; contact details deleted.`);
  expect(await tablesHolding(server, CONTACT)).toEqual([]);
});

test('the months a coordinator sets are what the public privacy page says', async ({ page, server }) => {
  const seeded = await seedForManagers(server);
  await page.goto('/privacy');
  await expect(page.getByText('Contact details for follow-up are deleted 12 months after the conversation, or sooner when the follow-up is done.')).toBeVisible();

  await signInAs(page.context(), seeded.people.coordinator, server.url);
  await page.goto('/settings');
  const months = page.getByLabel('Keep follow-up contact details for this many months');
  await expect(months).toHaveValue('12');
  await months.fill('61');
  await page.getByRole('button', { name: 'Save follow-up contact details' }).click();
  const summary = page.getByRole('alert', { name: 'There is a problem' });
  await expect(summary.getByRole('link', { name: 'The months must be between 1 and 60 (5 years)' })).toBeVisible();
  await expect(page.locator('#contact-retention-months-error')).toHaveText('The months must be between 1 and 60 (5 years)');
  await expect(months).toHaveValue('61');

  await months.fill('6');
  await page.getByRole('button', { name: 'Save follow-up contact details' }).click();
  await expect(page.getByText('Follow-up contact details saved.')).toBeVisible();
  await page.goto('/privacy');
  await expect(page.getByText('Contact details for follow-up are deleted 6 months after the conversation, or sooner when the follow-up is done.')).toBeVisible();
  const audit = await withServerStore(server, (store) => store.audit.list(seeded.network.id, { action: 'settings-changed' }, { before: null, limit: 10 }));
  expect(audit.map((entry) => [entry.subject, entry.details])).toContainEqual(['Follow-up contact details', { months: 6 }]);
});

test('the server deletes contact details past the period when it starts, and logs how many', async ({ server }) => {
  const seeded = await seedForManagers(server, async (store, { network, tablet, workers }) => {
    await recordConversations(store, network.id, tablet, workers.amina.id, [
      makeConversation({ wardCode: ARMLEY_WARD, recordedAt: '2020-03-01T10:00:00.000Z', followUp: { wanted: true, contact: 'long-ago-contact' } }),
      makeConversation({ wardCode: ARMLEY_WARD, followUp: { wanted: true, contact: OTHER_CONTACT }, recordedAt: new Date().toISOString() })
    ]);
  });
  await server.stop();
  await server.start();
  await expect.poll(() => tablesHolding(server, 'long-ago-contact')).toEqual([]);
  expect(await tablesHolding(server, OTHER_CONTACT)).toEqual(['follow_up_contacts']);
  const audit = await withServerStore(server, (store) => store.audit.list(seeded.network.id, { action: 'contact-details-expired' }, { before: null, limit: 10 }));
  expect(audit.map((entry) => entry.subject)).toEqual(['Follow-up contact details deleted after 12 months: 1 conversation']);
});

for (const viewport of SCREEN_SIZES) {
  test(`axe finds no WCAG 2.2 AA violations on the pages retention changes at ${viewport.width}×${viewport.height}`, async ({ page, server }) => {
    const seeded = await seedFollowUps(server);
    await page.setViewportSize(viewport);
    await page.goto('/privacy');
    await expect(page.getByText('Contact details for follow-up are deleted 12 months')).toBeVisible();
    await expectNoViolations(page, 'privacy');

    await signInAs(page.context(), seeded.people.coordinator, server.url);
    const records = new RecordsPage(page);
    await records.open();
    await expectNoViolations(page, 'records with contact details');
    await records.record('The canal towpath').getByRole('button', { name: /^Mark follow-up done/ }).click();
    await expectNoViolations(page, 'records asking to confirm');
    await page.getByRole('button', { name: 'Yes, delete the contact details' }).click();
    await expect(page.getByText('Follow-up marked done.')).toBeVisible();
    await expectNoViolations(page, 'records after the follow-up is done');

    await page.goto('/settings');
    await page.getByLabel('Keep follow-up contact details for this many months').fill('');
    await page.getByRole('button', { name: 'Save follow-up contact details' }).click();
    await expect(page.getByRole('alert', { name: 'There is a problem' })).toBeVisible();
    await expectNoViolations(page, 'settings with an error in the months');
  });
}
