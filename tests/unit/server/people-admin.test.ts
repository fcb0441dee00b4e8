import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PersonCaller } from '../../../src/lib/server/auth/guard';
import { changeRole, invite, resetLink, setActive, unlock, withdrawInvitation } from '../../../src/lib/server/auth/people-admin';
import type { Store } from '../../../src/lib/server/store';
import { migrate } from '../../../src/lib/server/store/migrations';
import { openPgliteDatabase } from '../../../src/lib/server/store/pglite-database';
import type { SqlDatabase } from '../../../src/lib/server/store/sql-database';
import { createSqlStore } from '../../../src/lib/server/store/sql-store';
import { seedNetwork, type SeededNetwork } from '../../support/seed-network';

/** What a coordinator does on Settings › People, against a real (in-memory PGlite) store. */
let memory: SqlDatabase;
let store: Store;
let seeded: SeededNetwork;
const NO_MAIL = { smtpUrl: null, from: 'Anchor Listening <no-reply@localhost>' };
const ORIGIN = 'https://listening.example.org';

beforeAll(async () => {
  memory = await openPgliteDatabase();
});
afterAll(() => memory.close());

beforeEach(async () => {
  await memory.exec('drop schema public cascade; create schema public;');
  await migrate(memory);
  store = createSqlStore(memory);
  seeded = await seedNetwork(store);
});

/** A caller as the page gets it from pagePerson. */
async function callerFor(email: string): Promise<PersonCaller> {
  const person = (await store.accounts.personByEmail(seeded.network.id, email))!.person;
  return { kind: 'person', person: { ...person, sessionId: 'test' }, network: seeded.network };
}
const lastAudit = async () => (await store.audit.list(seeded.network.id, {}, { before: null, limit: 1 }))[0];

describe('Settings › People', () => {
  it('invites, showing the link when it is not mailed, and withdraws the invitation', async () => {
    const coordinator = await callerFor(seeded.people.coordinator.email);
    const outcome = await invite(store, coordinator, { email: 'priya@example.org', role: 'coordinator', organisationId: seeded.organisations.armley.id }, ORIGIN, NO_MAIL);
    expect(outcome).toMatchObject({ ok: true, link: { kind: 'invitation', email: 'priya@example.org', mailed: false, url: expect.stringMatching(`^${ORIGIN}/invitation/`) } });
    const [pending] = await store.accounts.pendingInvitations(seeded.network.id);
    // A coordinator belongs to no organisation, whatever was chosen.
    expect(pending).toMatchObject({ email: 'priya@example.org', role: 'coordinator', organisationName: null });
    expect(await withdrawInvitation(store, coordinator, pending.id)).toMatchObject({ ok: true });
    expect(await store.accounts.pendingInvitations(seeded.network.id)).toEqual([]);
    expect(await lastAudit()).toMatchObject({ action: 'invitation-revoked', subject: 'priya@example.org' });
  });

  it('names every problem with an invitation', async () => {
    const coordinator = await callerFor(seeded.people.coordinator.email);
    expect(await invite(store, coordinator, { email: '', role: '', organisationId: '' }, ORIGIN, NO_MAIL)).toMatchObject({
      ok: false,
      status: 400,
      errors: [{ field: 'invite-email' }, { field: 'invite-role' }]
    });
    expect(await invite(store, coordinator, { email: 'x@example.org', role: 'lead', organisationId: '01900000-0000-7000-8000-000000000001' }, ORIGIN, NO_MAIL)).toMatchObject({
      ok: false,
      errors: [{ field: 'invite-organisation', message: 'Choose one of the network’s organisations' }]
    });
  });

  it('never leaves the network without an active coordinator', async () => {
    // A caller whose own role was taken away meanwhile (say, by another coordinator) is the
    // only way to reach the network's last coordinator: the rule still holds.
    const coordinatorId = seeded.people.coordinator.id;
    const other = await callerFor(seeded.people.staff.email);
    expect(await setActive(store, other, coordinatorId, false)).toMatchObject({ ok: false, status: 400, errors: [{ message: expect.stringContaining('only active coordinator') }] });
    expect(await changeRole(store, other, { personId: coordinatorId, role: 'staff', organisationId: '' })).toMatchObject({ ok: false, errors: [{ message: expect.stringContaining('only active coordinator') }] });
    expect(await store.accounts.countActiveCoordinators(seeded.network.id)).toBe(1);

    // With a second coordinator, the first may be changed.
    const coordinator = await callerFor(seeded.people.coordinator.email);
    await changeRole(store, coordinator, { personId: seeded.people.lead.id, role: 'coordinator', organisationId: '' });
    expect(await changeRole(store, other, { personId: coordinatorId, role: 'staff', organisationId: '' })).toMatchObject({ ok: true });
    expect(await lastAudit()).toMatchObject({ action: 'role-changed', subject: seeded.people.coordinator.email, details: { from: 'coordinator', to: 'staff' } });
  });

  it('never lets coordinators change their own role or switch themselves off', async () => {
    const coordinator = await callerFor(seeded.people.coordinator.email);
    expect(await changeRole(store, coordinator, { personId: coordinator.person.id, role: 'staff', organisationId: '' })).toMatchObject({ ok: false, status: 400 });
    expect(await setActive(store, coordinator, coordinator.person.id, false)).toMatchObject({ ok: false, status: 400 });
    expect((await store.accounts.personById(seeded.network.id, coordinator.person.id))).toMatchObject({ role: 'coordinator', active: true });
  });

  it('deactivates, reactivates, unlocks and makes reset links, writing each to the audit log', async () => {
    const coordinator = await callerFor(seeded.people.coordinator.email);
    const lee = seeded.people.lead.id;
    expect(await setActive(store, coordinator, lee, false)).toMatchObject({ ok: true });
    expect(await lastAudit()).toMatchObject({ action: 'person-deactivated', subject: seeded.people.lead.email, actor: { name: 'Cora Coordinator' } });
    expect(await resetLink(store, coordinator, lee, ORIGIN, NO_MAIL)).toMatchObject({ ok: false, status: 400 });
    expect(await setActive(store, coordinator, lee, true)).toMatchObject({ ok: true });
    expect(await lastAudit()).toMatchObject({ action: 'person-reactivated' });
    for (let i = 0; i < 5; i++) await store.accounts.recordSignInFailure(lee, 5, 15);
    expect(await unlock(store, coordinator, lee)).toMatchObject({ ok: true });
    expect((await store.accounts.personByEmail(seeded.network.id, seeded.people.lead.email))?.lockedUntil).toBeNull();
    expect(await lastAudit()).toMatchObject({ action: 'person-unlocked' });
    expect(await resetLink(store, coordinator, lee, ORIGIN, NO_MAIL)).toMatchObject({ ok: true, link: { kind: 'password-reset', mailed: false, url: expect.stringMatching(`^${ORIGIN}/reset-password/`) } });
    expect(await lastAudit()).toMatchObject({ action: 'password-reset-created', details: { mailed: false } });
  });

  it('answers malformed and unknown ids without reaching the database with them', async () => {
    const coordinator = await callerFor(seeded.people.coordinator.email);
    for (const id of ['', 'not-a-uuid', "'; drop table people; --"]) {
      expect(await setActive(store, coordinator, id, false)).toMatchObject({ ok: false, status: 400 });
      expect(await unlock(store, coordinator, id)).toMatchObject({ ok: false, status: 400 });
      expect(await withdrawInvitation(store, coordinator, id)).toMatchObject({ ok: false, status: 400 });
    }
    expect(await setActive(store, coordinator, '01900000-0000-7000-8000-000000000001', false)).toMatchObject({ ok: false, status: 404 });
    expect(await withdrawInvitation(store, coordinator, 'a'.repeat(64))).toMatchObject({ ok: true, saved: expect.stringContaining('already') });
  });
});
