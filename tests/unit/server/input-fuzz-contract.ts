import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/lib/server/store/migrations';
import type { SqlDatabase } from '../../../src/lib/server/store/sql-database';
import { createSqlStore } from '../../../src/lib/server/store/sql-store';
import type { Store } from '../../../src/lib/server/store';
import { useEnglishValidationMessages } from '../../../src/lib/server/zod-messages';
import * as setup from '../../../src/routes/setup/+page.server';
import { makeConversation } from '../../support/conversations';
import { snapshotDatabase } from '../../support/database-snapshot';
import { formDataOf, fuzzSeed, hostileString, mutatedForm, mutateJson, mutation } from '../../support/malformed-input';
import { callRoute, type RouteAnswer } from '../../support/route-harness';
import { PASSWORD, seedNetwork, type SeededNetwork } from '../../support/seed-network';
import { smallBoundaryFiles, targets, type FuzzCall } from './input-fuzz-targets';

/**
 * Issue 11: nothing a client can send gets a 500. Every write endpoint (and the pages reached by
 * an id in their path) is sent thousands of malformed requests, valid ones bent out of shape; each
 * must be answered below 500, and one refused (4xx) must leave every table as it was. Run on PGlite
 * (input-fuzz.test.ts) and PostgreSQL (input-fuzz.pg.test.ts); the seed is printed.
 */

/**
 * Sends requests, each checked: never a 500; a refusal changes nothing. The database is compared
 * with its state after the request before (which is its state now, unless that one was wrongly
 * refused-and-changed, which fails then): one snapshot a request.
 */
function checker(db: SqlDatabase, store: Store) {
  let last: Record<string, string> | null = null;
  /** How many answers of each status: printed, so a reader sees the requests got past the door. */
  const tally = new Map<number, number>();
  return Object.assign(async (call: FuzzCall): Promise<RouteAnswer> => {
    last ??= await snapshotDatabase(db);
    const answer = await callRoute(store, call.module, call);
    tally.set(answer.status, (tally.get(answer.status) ?? 0) + 1);
    const where = `${call.routeId} ${call.action ?? call.method ?? 'GET'}`;
    if (answer.status >= 500) throw new Error(`${where} answered ${answer.status}: ${String((answer.thrown as Error)?.stack ?? answer.thrown)}`);
    // An export's body is streamed from an open read (on PostgreSQL, a transaction until it ends):
    // read it to the end, which also runs each page's query with the request's filters. A body that
    // breaks off is a download that failed, as bad as a 500.
    if (answer.response?.body && !answer.response.bodyUsed) {
      await answer.response.arrayBuffer().catch((error: unknown) => {
        throw new Error(`${where} answered ${answer.status} but its body broke off: ${String((error as Error)?.stack ?? error)}`);
      });
    }
    const now = await snapshotDatabase(db);
    if (answer.status >= 400) expect(now, `${where} refused (${answer.status}) but changed the database`).toEqual(last);
    last = now;
    return answer;
  }, {
    /** The statuses answered since the last call, then forgotten. */
    takeTally() {
      const counts = Object.fromEntries([...tally].sort(([a], [b]) => a - b));
      tally.clear();
      return counts;
    }
  });
}

/** Uploads are parsed in a worker thread started per file: a quarter of the runs, and time for them. */
const OFF_THREAD_SHARE = 4;
const OFF_THREAD_TIMEOUT_MS = 120_000;

/** `runs` requests per endpoint (FUZZ_RUNS overrides it): sized so a database's run takes about a minute on a shared 2-core machine. */
export function describeInputFuzz(kind: string, openDatabase: () => Promise<SqlDatabase>, runs: number) {
  const RUNS = Number(process.env.FUZZ_RUNS ?? runs);
  describe(`malformed input on ${kind} (issue 11)`, () => {
    let db: SqlDatabase;
    let store: Store;
    let check: ReturnType<typeof checker>;
    beforeAll(async () => {
      useEnglishValidationMessages();
      db = await openDatabase();
      await migrate(db);
      store = createSqlStore(db);
      check = checker(db, store);
    });
    afterAll(() => db?.close());

    it('first-run set-up: never a 500, a refusal stores nothing', async () => {
      const { geojson } = smallBoundaryFiles();
      const valid = { name: 'Leeds Anchor Network', themes: 'Work\nHealth', coordinatorName: 'Cora', coordinatorEmail: 'cora@example.org', password: PASSWORD, passwordAgain: PASSWORD };
      const call = fc.tuple(mutatedForm(valid), fc.oneof(hostileString, fc.array(mutation, { maxLength: 2 }).map((m) => JSON.stringify(mutateJson(geojson, m)))));
      await fc.assert(
        fc.asyncProperty(call, async ([fields, wards]) => {
          await check({ module: setup, routeId: '/setup', path: '/setup', action: 'default', body: formDataOf(fields, { wards: { text: wards, name: 'wards.geojson' } }) });
        }),
        { seed: fuzzSeed(`${kind} set-up`), numRuns: Math.ceil(RUNS / OFF_THREAD_SHARE) }
      );
      // The rest runs on the seeded network: start again from an empty database.
      await db.exec('drop schema public cascade; create schema public;');
      await migrate(db);
      check = checker(db, store);
    }, OFF_THREAD_TIMEOUT_MS);

    describe('on a seeded network', () => {
      let seeded: SeededNetwork;
      const conversation = { id: '' };
      beforeAll(async () => {
        seeded = await seedNetwork(store);
        check = checker(db, store);
        const existing = makeConversation({ wardCode: 'E05011385', organisationId: seeded.organisations.armley.id });
        conversation.id = existing.id;
        await store.applyChanges({
          networkId: seeded.network.id,
          deviceId: seeded.tablet.id,
          organisationId: seeded.organisations.armley.id,
          changes: [{ op: 'create', changeId: '01900000-0000-7000-8000-0000000000c1', workerId: seeded.workers.amina.id, conversation: existing }]
        });
      });

      // The names only: the seeded network exists once beforeAll has run (any property of the stand-in is the stand-in).
      const standIn: SeededNetwork = new Proxy({}, { get: () => standIn }) as SeededNetwork;
      for (const { name, offThread } of targets(standIn, '')) {
        it(`${name}: never a 500, a refusal changes nothing`, async () => {
          const target = targets(seeded, conversation.id).find((t) => t.name === name)!;
          await fc.assert(
            fc.asyncProperty(target.calls(seeded), async (call) => void (await check(call))),
            { seed: fuzzSeed(`${kind} ${name}`), numRuns: offThread ? Math.ceil(RUNS / OFF_THREAD_SHARE) : RUNS }
          );
          const answers = check.takeTally();
          console.log(`${kind} ${name}: answers by status ${JSON.stringify(answers)}`);
          // The caller was let in: not every request stopped at the door (401, 403).
          expect(Object.keys(answers).some((status) => status !== '401' && status !== '403')).toBe(true);
        }, offThread ? OFF_THREAD_TIMEOUT_MS : undefined);
      }
    });
  });
}
