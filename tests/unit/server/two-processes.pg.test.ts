import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { PullResult } from '../../../src/lib/domain/protocol';
import { openStore } from '../../../src/lib/server/store';
import { AppServer } from '../../support/app-server';
import { makeConversation } from '../../support/conversations';
import { PASSWORD, seedNetwork, type SeededNetwork } from '../../support/seed-network';

/**
 * Two server processes on one PostgreSQL database, as behind a load balancer (issue 10): they
 * hold nothing between requests but the database, so they behave as one.
 */
let a: AppServer;
let b: AppServer;
let seeded: SeededNetwork;

beforeAll(async () => {
  a = await AppServer.create('postgres', inject('postgresAdminUrl'));
  const store = await openStore(a.storeConfig);
  seeded = await seedNetwork(store).finally(() => store.close());
  b = await AppServer.alongside(a);
  await Promise.all([a.start(), b.start()]);
});
afterAll(async () => {
  await b?.dispose();
  await a?.dispose();
});

/** Signs in through a process's sign-in form, as a browser would; the session cookie, or the page's words. */
async function signIn(server: AppServer, email: string, password: string): Promise<{ cookie: string | null; page: string }> {
  const response = await fetch(`${server.url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
    body: new URLSearchParams({ email, password })
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('al_session='))?.split(';')[0] ?? null;
  return { cookie, page: await response.text() };
}

const whoIs = async (server: AppServer, cookie: string) =>
  ((await (await fetch(`${server.url}/api/session`, { headers: { cookie } })).json()) as { person: { email: string } | null }).person;

describe('two server processes on one PostgreSQL', () => {
  it('share sessions: signed in on one, known to the other; signed out on the other, ended on both', async () => {
    const { cookie } = await signIn(a, seeded.people.staff.email, PASSWORD);
    expect(cookie).not.toBeNull();
    expect((await whoIs(b, cookie!))?.email).toBe(seeded.people.staff.email);
    const signOut = await fetch(`${b.url}/account?/signOut`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: cookie!, origin: b.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      body: ''
    });
    expect(signOut.status).toBe(303);
    expect(await whoIs(a, cookie!)).toBeNull();
    expect(await whoIs(b, cookie!)).toBeNull();
  });

  it('count wrong passwords together: five split between them lock the account on both', async () => {
    const email = seeded.people.lead.email;
    for (const server of [a, b, a, b, a]) expect((await signIn(server, email, 'not the password')).cookie).toBeNull();
    for (const server of [a, b]) {
      const attempt = await signIn(server, email, PASSWORD);
      expect(attempt.cookie).toBeNull();
      expect(attempt.page).toContain('This account is locked for 15 minutes');
    }
  });

  it('store every pushed conversation exactly once, however a tablet’s pushes are spread and repeated across them', async () => {
    const tablet = `al_device=${seeded.tablet.credential}`;
    const push = (server: AppServer, body: string) =>
      fetch(`${server.url}/api/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: tablet }, body });
    const conversations = Array.from({ length: 40 }, () => makeConversation({ wardCode: 'E05011385', organisationId: seeded.organisations.armley.id }));
    const batches = [conversations.slice(0, 20), conversations.slice(20)].map((batch) =>
      JSON.stringify({
        protocol: 2,
        kind: 'push',
        changes: batch.map((conversation) => ({ op: 'create', changeId: uuidv7(), workerId: seeded.workers.amina.id, conversation }))
      })
    );
    // Each batch sent to both processes at once, three times over (a retry after a lost answer, through another process).
    const answers = await Promise.all(batches.flatMap((body) => [a, b, a, b, a, b].map((server) => push(server, body))));
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    const edit = JSON.stringify({
      protocol: 2,
      kind: 'push',
      changes: [{ op: 'update', changeId: uuidv7(), workerId: seeded.workers.amina.id, conversationId: conversations[0].id, baseRevision: 1, fields: { peopleCount: 4 } }]
    });
    await Promise.all([push(a, edit), push(b, edit)]);

    const pulled = await fetch(`${b.url}/api/sync/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `al_device=${seeded.chapeltownTablet.credential}` },
      body: JSON.stringify({ protocol: 2, kind: 'pull', workerId: seeded.workers.chidi.id, cursor: '0' })
    });
    expect(((await pulled.json()) as PullResult).conversations).toEqual([]); // Chapeltown's worker sees none of Armley's
    const store = await openStore(a.storeConfig);
    try {
      expect(await store.countConversations(seeded.network.id)).toBe(40);
      const [first] = await store.conversationsByIds([conversations[0].id]);
      expect(first.peopleCount).toBe(4);
    } finally {
      await store.close();
    }
  });
});
