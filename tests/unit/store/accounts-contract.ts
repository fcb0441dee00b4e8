import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Network } from '../../../src/lib/domain/network';
import type { NetworkSetup } from '../../../src/lib/domain/network-setup';
import type { Person } from '../../../src/lib/domain/person';
import { EmailTakenError, type Store } from '../../../src/lib/server/store';
import type { SqlClient } from '../../../src/lib/server/store/sql-database';

/**
 * What every Store must do for accounts (people, sessions, links, lockouts, rate limits) and the
 * audit log. Run against embedded PGlite (accounts.test.ts) and a real PostgreSQL server
 * (accounts.pg.test.ts). `sql` reaches the same database from outside the store, to move time
 * on (expire a session or a link) as only a test may.
 */
export interface AccountsHarness {
  store: Store;
  sql: SqlClient;
  close(): Promise<void>;
}

/** One ward is all a network needs here, and much quicker to set up than a real boundary file. */
const TINY_NETWORK: NetworkSetup = {
  name: 'Leeds Anchor Network',
  themeNames: ['Widening Access to Quality Work'],
  wards: [
    {
      code: 'E05011385',
      name: 'Armley',
      localAuthorityCode: 'E08000035',
      localAuthorityName: 'Leeds',
      boundary: { type: 'Polygon', coordinates: [[[-1.6, 53.79], [-1.58, 53.79], [-1.58, 53.8], [-1.6, 53.79]]] }
    }
  ]
};

const HASH = '$argon2id$v=19$m=19456,t=2,p=1$not-a-real-hash';
const sessionId = () => `session-${uuidv7()}`;
const linkId = () => `link-${uuidv7()}`;

export function describeAccountsContract(kind: string, open: () => Promise<AccountsHarness>) {
  describe(`accounts and audit store contract on ${kind}`, () => {
    let store: Store;
    let sql: SqlClient;
    let network: Network;
    let coordinator: Person;

    beforeEach(async () => {
      const harness = await open();
      ({ store, sql } = harness);
      network = await store.setUpNetwork(TINY_NETWORK, { email: 'Cora@Leeds-Anchors.example', name: 'Cora', passwordHash: HASH });
      coordinator = (await store.accounts.personByEmail(network.id, 'cora@leeds-anchors.example'))!.person;
      return () => harness.close();
    });

    const addPerson = (email: string, role: Person['role'] = 'staff', organisationId: string | null = null) =>
      store.accounts.createPerson(network.id, { email, name: email.split('@')[0], role, organisationId, passwordHash: HASH });
    const newSession = async (personId: string) => {
      const id = sessionId();
      await store.accounts.createSession({ id, personId, idleDays: 7, absoluteDays: 30 });
      return id;
    };

    describe('people', () => {
      it('creates the first coordinator with the network, and finds people by email in any case', async () => {
        expect(coordinator).toMatchObject({ name: 'Cora', role: 'coordinator', organisationId: null, active: true });
        expect((await store.accounts.personByEmail(network.id, 'CORA@leeds-anchors.EXAMPLE'))?.person.id).toBe(coordinator.id);
        expect(await store.accounts.personByEmail(network.id, 'nobody@leeds-anchors.example')).toBeNull();
        expect(await store.accounts.personById(network.id, coordinator.id)).toEqual(coordinator);
      });

      it('keeps an email unique in the network whatever its case, and adds nothing on a clash', async () => {
        await addPerson('Ann@Example.org');
        await expect(addPerson('ann@EXAMPLE.org')).rejects.toBeInstanceOf(EmailTakenError);
        expect((await store.accounts.listPeople(network.id)).filter((p) => p.email.toLowerCase() === 'ann@example.org')).toHaveLength(1);
      });

      it('changes a role or whether someone may sign in, and ends their sessions', async () => {
        const organisation = await store.addOrganisation(network.id, 'Armley Community Centre');
        const sam = await addPerson('sam@example.org');
        const session = await newSession(sam.id);
        const lead = await store.accounts.updatePerson(network.id, sam.id, { role: 'lead', organisationId: organisation.id });
        expect(lead).toMatchObject({ role: 'lead', organisationId: organisation.id });
        expect(await store.accounts.sessionWithPerson(session, 7)).toBeNull();

        const again = await newSession(sam.id);
        expect(await store.accounts.updatePerson(network.id, sam.id, { active: false })).toMatchObject({ active: false });
        expect(await store.accounts.sessionWithPerson(again, 7)).toBeNull();
        expect(await store.accounts.updatePerson(network.id, uuidv7(), { active: false })).toBeNull();
      });

      it('counts active coordinators only', async () => {
        expect(await store.accounts.countActiveCoordinators(network.id)).toBe(1);
        const second = await addPerson('second@example.org', 'coordinator');
        await addPerson('staff@example.org', 'staff');
        expect(await store.accounts.countActiveCoordinators(network.id)).toBe(2);
        await store.accounts.updatePerson(network.id, second.id, { active: false });
        expect(await store.accounts.countActiveCoordinators(network.id)).toBe(1);
      });

      it('lists people with their organisation and whether they are locked', async () => {
        const organisation = await store.addOrganisation(network.id, 'Armley Community Centre');
        const lead = await addPerson('lee@example.org', 'lead', organisation.id);
        for (let i = 0; i < 5; i++) await store.accounts.recordSignInFailure(lead.id, 5, 15);
        const listed = await store.accounts.listPeople(network.id);
        expect(listed.find((p) => p.id === lead.id)).toMatchObject({ organisationName: 'Armley Community Centre', lockedUntil: expect.any(String) });
        expect(listed.find((p) => p.id === coordinator.id)).toMatchObject({ organisationName: null, lockedUntil: null });
      });
    });

    describe('lockout', () => {
      it('locks after five failures in a row, and a success in between starts the count again', async () => {
        const lockedUntil = async () => (await store.accounts.personByEmail(network.id, coordinator.email))!.lockedUntil;
        for (let i = 0; i < 3; i++) expect(await store.accounts.recordSignInFailure(coordinator.id, 5, 15)).toEqual({ locked: false });
        await store.accounts.recordSignInSuccess(coordinator.id);
        for (let i = 0; i < 4; i++) expect(await store.accounts.recordSignInFailure(coordinator.id, 5, 15)).toEqual({ locked: false });
        expect(await lockedUntil()).toBeNull();
        expect(await store.accounts.recordSignInFailure(coordinator.id, 5, 15)).toEqual({ locked: true });
        const until = Date.parse((await lockedUntil())!);
        expect(until - Date.now()).toBeGreaterThan(14 * 60_000);
        expect(until - Date.now()).toBeLessThanOrEqual(15 * 60_000 + 5_000);
      });

      it('unlocks when the lock runs out, when a coordinator unlocks, and when the password is set', async () => {
        const lockedUntil = async () => (await store.accounts.personByEmail(network.id, coordinator.email))!.lockedUntil;
        const lock = async () => {
          for (let i = 0; i < 5; i++) await store.accounts.recordSignInFailure(coordinator.id, 5, 15);
          expect(await lockedUntil()).not.toBeNull();
        };
        await lock();
        await sql.query(`update people set locked_until = now() - interval '1 second' where id = $1`, [coordinator.id]);
        expect(await lockedUntil()).toBeNull();
        await lock();
        await store.accounts.unlockPerson(network.id, coordinator.id);
        expect(await lockedUntil()).toBeNull();
        await lock();
        await store.accounts.setPassword(coordinator.id, '$argon2id$new');
        expect(await store.accounts.personByEmail(network.id, coordinator.email)).toMatchObject({ lockedUntil: null, passwordHash: '$argon2id$new' });
      });

      it('counts failures from two connections at once without losing any', async () => {
        await Promise.all(Array.from({ length: 5 }, () => store.accounts.recordSignInFailure(coordinator.id, 5, 15)));
        expect((await store.accounts.personByEmail(network.id, coordinator.email))!.lockedUntil).not.toBeNull();
      });
    });

    describe('sessions', () => {
      it('finds a live session with its person, and none once it is deleted', async () => {
        const id = await newSession(coordinator.id);
        const session = await store.accounts.sessionWithPerson(id, 7);
        expect(session).toMatchObject({ sessionId: id, networkId: network.id, due: false, person: coordinator });
        expect(Date.parse(session!.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
        await store.accounts.deleteSession(id);
        expect(await store.accounts.sessionWithPerson(id, 7)).toBeNull();
        expect(await store.accounts.sessionWithPerson('never-issued', 7)).toBeNull();
      });

      it('ends a session at its idle expiry and at its absolute expiry', async () => {
        const idle = await newSession(coordinator.id);
        const absolute = await newSession(coordinator.id);
        await sql.query(`update sessions set expires_at = now() - interval '1 second' where id = $1`, [idle]);
        await sql.query(`update sessions set absolute_expires_at = now() - interval '1 second' where id = $1`, [absolute]);
        expect(await store.accounts.sessionWithPerson(idle, 7)).toBeNull();
        expect(await store.accounts.sessionWithPerson(absolute, 7)).toBeNull();
      });

      it('slides the idle expiry on when a day has passed, never past the absolute expiry', async () => {
        const id = await newSession(coordinator.id);
        await sql.query(`update sessions set expires_at = now() + interval '5 days' where id = $1`, [id]);
        expect((await store.accounts.sessionWithPerson(id, 7))?.due).toBe(true);
        const moved = await store.accounts.extendSession(id, 7);
        expect(Date.parse(moved!) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
        expect((await store.accounts.sessionWithPerson(id, 7))?.due).toBe(false);

        await sql.query(`update sessions set absolute_expires_at = now() + interval '2 days', expires_at = now() + interval '1 day' where id = $1`, [id]);
        const capped = await store.accounts.extendSession(id, 7);
        const [{ absolute }] = await sql.query<{ absolute: string }>(
          `select to_char(absolute_expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as absolute from sessions where id = $1`,
          [id]
        );
        expect(capped).toBe(absolute);
        expect(await store.accounts.extendSession('never-issued', 7)).toBeNull();
      });

      it('admits no session of a deactivated person', async () => {
        const sam = await addPerson('sam@example.org');
        const id = await newSession(sam.id);
        await sql.query('update people set active = false where id = $1', [sam.id]);
        expect(await store.accounts.sessionWithPerson(id, 7)).toBeNull();
      });

      it('signs a person out everywhere and no one else', async () => {
        const sam = await addPerson('sam@example.org');
        const mine = [await newSession(coordinator.id), await newSession(coordinator.id)];
        const theirs = await newSession(sam.id);
        expect(await store.accounts.deletePersonSessions(coordinator.id)).toBe(2);
        for (const id of mine) expect(await store.accounts.sessionWithPerson(id, 7)).toBeNull();
        expect(await store.accounts.sessionWithPerson(theirs, 7)).not.toBeNull();
      });
    });

    describe('rate limits', () => {
      it('counts hits per key in a fixed window, and starts again once it has passed', async () => {
        const hits = [];
        for (let i = 0; i < 3; i++) hits.push(await store.accounts.hitRateLimit('sign-in:192.0.2.1', 600));
        expect(hits.map((h) => h.hits)).toEqual([1, 2, 3]);
        for (const { resetSeconds } of hits) {
          expect(resetSeconds).toBeGreaterThan(590);
          expect(resetSeconds).toBeLessThanOrEqual(600);
        }
        expect((await store.accounts.hitRateLimit('sign-in:192.0.2.2', 600)).hits).toBe(1);
        await sql.query(`update rate_limits set window_started_at = now() - interval '601 seconds' where key = 'sign-in:192.0.2.1'`);
        expect((await store.accounts.hitRateLimit('sign-in:192.0.2.1', 600)).hits).toBe(1);
      });

      it('loses no hit when many arrive at once', async () => {
        await Promise.all(Array.from({ length: 10 }, () => store.accounts.hitRateLimit('burst', 60)));
        expect((await store.accounts.hitRateLimit('burst', 60)).hits).toBe(11);
      });
    });

    describe('invitation and reset links', () => {
      const invite = async (email: string, options: { id?: string; role?: Person['role']; organisationId?: string | null } = {}) => {
        const id = options.id ?? linkId();
        await store.accounts.createAccountLink(network.id, {
          id,
          kind: 'invitation',
          email,
          role: options.role ?? 'staff',
          organisationId: options.organisationId ?? null,
          personId: null,
          createdBy: coordinator.id,
          validHours: 168
        });
        return id;
      };

      it('shows a link without using it, then uses it once', async () => {
        const id = await invite('new@example.org');
        expect(await store.accounts.peekAccountLink(id, 'invitation')).toMatchObject({ kind: 'invitation', email: 'new@example.org', role: 'staff' });
        expect(await store.accounts.peekAccountLink(id, 'password-reset')).toBeNull();
        expect(await store.accounts.useAccountLink(id, 'invitation')).toMatchObject({ email: 'new@example.org' });
        expect(await store.accounts.useAccountLink(id, 'invitation')).toBeNull();
        expect(await store.accounts.peekAccountLink(id, 'invitation')).toBeNull();
      });

      it('lets exactly one of two simultaneous uses win', async () => {
        const id = await invite('new@example.org');
        const uses = await Promise.all([store.accounts.useAccountLink(id, 'invitation'), store.accounts.useAccountLink(id, 'invitation')]);
        expect(uses.filter(Boolean)).toHaveLength(1);
      });

      it('refuses an expired link', async () => {
        const id = await invite('new@example.org');
        await sql.query(`update account_links set expires_at = now() - interval '1 second' where id = $1`, [id]);
        expect(await store.accounts.peekAccountLink(id, 'invitation')).toBeNull();
        expect(await store.accounts.useAccountLink(id, 'invitation')).toBeNull();
        expect(await store.accounts.acceptInvitation(id, { name: 'New', passwordHash: HASH })).toBeNull();
        expect(await store.accounts.pendingInvitations(network.id)).toEqual([]);
      });

      it('lists pending invitations newest first, and withdraws them by email in any case', async () => {
        const organisation = await store.addOrganisation(network.id, 'Armley Community Centre');
        await invite('first@example.org');
        await invite('lead@example.org', { role: 'lead', organisationId: organisation.id });
        const pending = await store.accounts.pendingInvitations(network.id);
        expect(pending.map((p) => [p.email, p.role, p.organisationName])).toEqual([
          ['lead@example.org', 'lead', 'Armley Community Centre'],
          ['first@example.org', 'staff', null]
        ]);
        expect(await store.accounts.withdrawAccountLinks(network.id, 'LEAD@example.org', 'invitation')).toBe(1);
        expect(await store.accounts.withdrawAccountLinks(network.id, 'lead@example.org', 'password-reset')).toBe(0);
        expect((await store.accounts.pendingInvitations(network.id)).map((p) => p.email)).toEqual(['first@example.org']);
      });

      it('accepts an invitation once, creating the person with the invited role and organisation', async () => {
        const organisation = await store.addOrganisation(network.id, 'Armley Community Centre');
        const id = await invite('Lee@Example.org', { role: 'lead', organisationId: organisation.id });
        const accepted = await store.accounts.acceptInvitation(id, { name: 'Lee Lead', passwordHash: HASH });
        expect(accepted).toMatchObject({
          networkId: network.id,
          person: { email: 'Lee@Example.org', name: 'Lee Lead', role: 'lead', organisationId: organisation.id, active: true }
        });
        expect(await store.accounts.acceptInvitation(id, { name: 'Someone else', passwordHash: HASH })).toBeNull();
        expect((await store.accounts.listPeople(network.id)).map((p) => p.email).sort()).toEqual(['Cora@Leeds-Anchors.example', 'Lee@Example.org']);
      });

      it('leaves an invitation usable when its email was taken meanwhile, and adds no one', async () => {
        const id = await invite('taken@example.org');
        await addPerson('TAKEN@example.org');
        await expect(store.accounts.acceptInvitation(id, { name: 'Taken', passwordHash: HASH })).rejects.toBeInstanceOf(EmailTakenError);
        expect(await store.accounts.peekAccountLink(id, 'invitation')).not.toBeNull();
        expect(await store.accounts.listPeople(network.id)).toHaveLength(2);
      });

      it('resets a password once, ending every session of its person', async () => {
        const sessions = [await newSession(coordinator.id), await newSession(coordinator.id)];
        for (let i = 0; i < 5; i++) await store.accounts.recordSignInFailure(coordinator.id, 5, 15);
        const id = linkId();
        await store.accounts.createAccountLink(network.id, {
          id,
          kind: 'password-reset',
          email: coordinator.email,
          role: null,
          organisationId: null,
          personId: coordinator.id,
          createdBy: null,
          validHours: 2
        });
        expect(await store.accounts.peekAccountLink(id, 'invitation')).toBeNull();
        expect(await store.accounts.resetPassword(id, '$argon2id$reset')).toEqual(coordinator);
        for (const session of sessions) expect(await store.accounts.sessionWithPerson(session, 7)).toBeNull();
        expect(await store.accounts.personByEmail(network.id, coordinator.email)).toMatchObject({ passwordHash: '$argon2id$reset', lockedUntil: null });
        expect(await store.accounts.resetPassword(id, '$argon2id$again')).toBeNull();
        expect((await store.accounts.personByEmail(network.id, coordinator.email))?.passwordHash).toBe('$argon2id$reset');
      });

      it('does not reset a password with an invitation link', async () => {
        const id = await invite('new@example.org');
        expect(await store.accounts.resetPassword(id, '$argon2id$reset')).toBeNull();
        expect(await store.accounts.peekAccountLink(id, 'invitation')).not.toBeNull();
      });
    });

    describe('audit log', () => {
      const actor = (name: string) => ({ kind: 'person' as const, id: coordinator.id, name });

      it('lists entries newest first, with who, what and details', async () => {
        await store.audit.record(network.id, { actor: actor('Cora'), action: 'sign-in', subject: 'cora@leeds-anchors.example' });
        await store.audit.record(network.id, { actor: actor('Cora'), action: 'role-changed', subject: 'sam@example.org', details: { from: 'staff', to: 'lead' } });
        const entries = await store.audit.list(network.id, {}, { before: null, limit: 50 });
        expect(entries.map((e) => e.action)).toEqual(['role-changed', 'sign-in']);
        expect(entries[0]).toMatchObject({
          actor: { kind: 'person', id: coordinator.id, name: 'Cora' },
          subject: 'sam@example.org',
          details: { from: 'staff', to: 'lead' },
          at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
        });
      });

      it('filters by action and by part of who did it or what it was done to, in any case', async () => {
        await store.audit.record(network.id, { actor: actor('Cora Coordinator'), action: 'sign-in', subject: 'cora@example.org' });
        await store.audit.record(network.id, { actor: { kind: 'anonymous', id: null, name: 'Someone not signed in' }, action: 'sign-in-failed', subject: 'SAM@example.org' });
        await store.audit.record(network.id, { actor: actor('Cora Coordinator'), action: 'invitation-created', subject: 'sam@example.org' });
        const list = (filters: Parameters<Store['audit']['list']>[1]) =>
          store.audit.list(network.id, filters, { before: null, limit: 50 }).then((entries) => entries.map((e) => e.action));
        expect(await list({ action: 'sign-in-failed' })).toEqual(['sign-in-failed']);
        expect(await list({ who: 'sam@' })).toEqual(['invitation-created', 'sign-in-failed']);
        expect(await list({ who: 'CORA' })).toEqual(['invitation-created', 'sign-in']);
        expect(await list({ who: 'cora', action: 'sign-in' })).toEqual(['sign-in']);
        expect(await list({ who: '%' })).toEqual([]);
      });

      it('filters by UK days: 00:30 BST on 1 July is 1 July', async () => {
        for (const [subject, at] of [
          ['30 June', '2026-06-30T22:30:00Z'],
          ['1 July, half past midnight', '2026-06-30T23:30:00Z'],
          ['1 July, late', '2026-07-01T22:59:00Z'],
          ['2 July', '2026-07-01T23:00:00Z']
        ]) {
          await store.audit.record(network.id, { actor: actor('Cora'), action: 'settings-changed', subject });
          await sql.query(`update audit_log set at = $1 where subject = $2`, [at, subject]);
        }
        const subjects = (filters: { from?: string; to?: string }) =>
          store.audit.list(network.id, filters, { before: null, limit: 50 }).then((entries) => entries.map((e) => e.subject).sort());
        expect(await subjects({ from: '2026-07-01', to: '2026-07-01' })).toEqual(['1 July, half past midnight', '1 July, late']);
        expect(await subjects({ to: '2026-06-30' })).toEqual(['30 June']);
        expect(await subjects({ from: '2026-07-02' })).toEqual(['2 July']);
      });

      it('pages through the log by the last id seen, missing and repeating nothing', async () => {
        // Past ten entries, so ids of one and two digits are compared.
        for (let i = 0; i < 12; i++) await store.audit.record(network.id, { actor: actor('Cora'), action: 'settings-changed', subject: `change ${i}` });
        const seen: string[] = [];
        let before: string | null = null;
        for (;;) {
          const page = await store.audit.list(network.id, { action: 'settings-changed' }, { before, limit: 5 });
          if (page.length === 0) break;
          seen.push(...page.map((e) => e.subject));
          before = page[page.length - 1].id;
        }
        expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `change ${11 - i}`));
      });
    });
  });
}
