import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Network } from '../../../src/lib/domain/network';
import { hashPassword } from '../../../src/lib/server/auth/passwords';
import { LOCKOUT, SIGN_IN_RATE, signIn } from '../../../src/lib/server/auth/sign-in';
import type { Store } from '../../../src/lib/server/store';
import { migrate } from '../../../src/lib/server/store/migrations';
import { openPgliteDatabase } from '../../../src/lib/server/store/pglite-database';
import type { SqlDatabase } from '../../../src/lib/server/store/sql-database';
import { createSqlStore } from '../../../src/lib/server/store/sql-store';

/** signIn against a real (in-memory PGlite) store and real Argon2id hashes. */
let memory: SqlDatabase;
let store: Store;
let network: Network;
const PASSWORD = 'correct horse battery staple';
const EMAIL = 'cora@leeds-anchors.example';
const WRONG = /email address or password is not right/;

beforeAll(async () => {
  memory = await openPgliteDatabase();
});
afterAll(() => memory.close());

beforeEach(async () => {
  await memory.exec('drop schema public cascade; create schema public;');
  await migrate(memory);
  store = createSqlStore(memory);
  network = await store.setUpNetwork(
    {
      name: 'Leeds Anchor Network',
      themeNames: ['Widening Access to Quality Work'],
      wards: [{ code: 'E05011385', name: 'Armley', localAuthorityCode: 'E08000035', localAuthorityName: 'Leeds', boundary: { type: 'Polygon', coordinates: [] } }]
    },
    { email: EMAIL, name: 'Cora Coordinator', passwordHash: await hashPassword(PASSWORD) }
  );
});

let address = 0;
/** Each attempt from its own address unless one is given, so the rate limit stays out of the way. */
const attempt = (email: string, password: string, clientAddress = `192.0.2.${++address % 250}`) =>
  signIn(store, network, { email, password, clientAddress });
const auditActions = async () => (await store.audit.list(network.id, {}, { before: null, limit: 100 })).map((e) => e.action).reverse();

describe('signIn', () => {
  it('signs in with the right password, whatever the case and spaces of the email, and records it', async () => {
    const outcome = await attempt(`  ${EMAIL.toUpperCase()} `, PASSWORD);
    expect(outcome).toMatchObject({ ok: true, person: { email: EMAIL, role: 'coordinator' } });
    const [entry] = await store.audit.list(network.id, {}, { before: null, limit: 1 });
    expect(entry).toMatchObject({ action: 'sign-in', actor: { kind: 'person', name: 'Cora Coordinator' }, subject: EMAIL.toUpperCase() });
  });

  it('gives a wrong password and an unknown email the same answer, and records both', async () => {
    const wrong = await attempt(EMAIL, 'not the password');
    const unknown = await attempt('nobody@leeds-anchors.example', PASSWORD);
    expect(wrong).toEqual({ ok: false, status: 400, message: expect.stringMatching(WRONG) });
    expect(unknown).toEqual(wrong);
    const entries = await store.audit.list(network.id, { action: 'sign-in-failed' }, { before: null, limit: 10 });
    expect(entries.map((e) => [e.actor.kind, e.subject, e.details.reason])).toEqual([
      ['anonymous', 'nobody@leeds-anchors.example', 'no such account'],
      ['person', EMAIL, 'wrong password']
    ]);
  });

  it('refuses an empty email or password', async () => {
    expect(await attempt('', PASSWORD)).toMatchObject({ ok: false, status: 400 });
    expect(await attempt(EMAIL, '')).toMatchObject({ ok: false, status: 400 });
  });

  it(`locks the account after ${LOCKOUT.failures} wrong passwords, then refuses even the right one`, async () => {
    for (let i = 1; i < LOCKOUT.failures; i++) expect(await attempt(EMAIL, `wrong ${i}`)).toMatchObject({ ok: false, message: expect.stringMatching(WRONG) });
    const fifth = await attempt(EMAIL, 'wrong 5');
    expect(fifth).toMatchObject({ ok: false, status: 400, message: expect.stringContaining(`locked for ${LOCKOUT.minutes} minutes`) });
    const right = await attempt(EMAIL, PASSWORD);
    expect(right).toMatchObject({ ok: false, message: expect.stringContaining('locked') });
    expect(await auditActions()).toEqual([...Array(LOCKOUT.failures - 1).fill('sign-in-failed'), 'account-locked', 'sign-in-failed']);

    // Once the lock has run out, the right password works and the count starts again.
    await memory.query(`update people set locked_until = now() - interval '1 second'`);
    expect(await attempt(EMAIL, PASSWORD)).toMatchObject({ ok: true });
    for (let i = 1; i < LOCKOUT.failures; i++) await attempt(EMAIL, `wrong ${i}`);
    expect(await attempt(EMAIL, PASSWORD)).toMatchObject({ ok: true });
  });

  it(`answers 429 after ${SIGN_IN_RATE.attempts} attempts from one address, for any account, and not for another address`, async () => {
    for (let i = 0; i < SIGN_IN_RATE.attempts; i++) {
      expect(await attempt(`someone-${i}@example.org`, PASSWORD, '198.51.100.7')).toMatchObject({ ok: false, status: 400 });
    }
    const limited = await attempt(EMAIL, PASSWORD, '198.51.100.7');
    expect(limited).toMatchObject({ ok: false, status: 429, message: expect.stringMatching(/Too many sign-in attempts.*Wait 10 minutes/) });
    if (limited.ok) throw new Error('unreachable');
    expect(limited.retryAfterSeconds).toBeGreaterThan(590);
    expect(await attempt(EMAIL, PASSWORD, '198.51.100.8')).toMatchObject({ ok: true });
    // The account was never tried while limited, so it is not locked.
    expect((await store.accounts.personByEmail(network.id, EMAIL))?.lockedUntil).toBeNull();
  });

  it('tells a deactivated person with the right password that their account is off, and nobody else', async () => {
    const person = (await store.accounts.personByEmail(network.id, EMAIL))!.person;
    await store.accounts.updatePerson(network.id, person.id, { active: false });
    expect(await attempt(EMAIL, PASSWORD)).toMatchObject({ ok: false, status: 400, message: expect.stringContaining('switched off') });
    expect(await attempt(EMAIL, 'not the password')).toMatchObject({ ok: false, message: expect.stringMatching(WRONG) });
  });
});
