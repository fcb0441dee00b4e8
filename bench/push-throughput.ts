/**
 * Issue 3, again with device credentials checked (issue 10): 10,000 conversations through the
 * real HTTP push endpoint (protocol 2, the seeded tablet's credential, Amina recording for
 * Armley) into PGlite on disk, against a raw multi-row INSERT of the same rows into the same
 * PGlite in the same run.
 */
import { uuidv7 } from 'uuidv7';
import type { Conversation } from '../src/lib/domain/conversation';
import { PROTOCOL_VERSION } from '../src/lib/domain/protocol';
import { openPgliteDatabase } from '../src/lib/server/store/pglite-database';
import { AppServer } from '../tests/support/app-server';
import { BEFORE_ACCOUNTS, withinTenPercentOfBefore } from './before-accounts';
import { seedBeforeStart } from './bench-network';
import { floorInsertRate } from './floor-insert';
import { generateConversations } from './generate-conversations';
import type { BenchResult } from './results';

const COUNT = 10_000;
const BATCH = 200;
/** Untimed batches first, on both sides, so start-up (JIT, query plans) is not what is measured. */
const WARM_UP = 1_000;

function batches<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** What a tablet's push carries: its credential (cookie) and the worker who recorded the changes. */
interface Pusher {
  credential: string;
  workerId: string;
}

export async function benchPushThroughput(): Promise<BenchResult[]> {
  const server = await AppServer.create('pglite');
  try {
    const { seeded, refs } = await seedBeforeStart(server);
    const conversations = generateConversations(COUNT, refs, 1);
    const pusher = { credential: seeded.tablet.credential, workerId: seeded.workers.amina.id };

    await server.start();
    await pushAll(server.url, pusher, generateConversations(WARM_UP, refs, 2));
    const pushStart = performance.now();
    await pushAll(server.url, pusher, conversations);
    const pushSeconds = (performance.now() - pushStart) / 1000;
    await server.stop();

    const db = await openPgliteDatabase(server.dataDir);
    const owner = { networkId: seeded.network.id, deviceId: seeded.tablet.id, workerId: pusher.workerId };
    const insertRate = await floorInsertRate(db, owner, conversations, BATCH).finally(() => db.close());
    const pushRate = COUNT / pushSeconds;
    const ratio = pushRate / insertRate;
    return [
      {
        name: 'push 10,000 via HTTP into PGlite',
        value: pushRate,
        unit: 'conversations/s',
        peer: 'raw multi-row INSERT',
        ratio,
        ...withinTenPercentOfBefore(BEFORE_ACCOUNTS.httpPushPglite, ratio)
      },
      { name: 'raw multi-row INSERT into PGlite (200 rows/statement)', value: insertRate, unit: 'rows/s' }
    ];
  } finally {
    await server.dispose();
  }
}

async function pushAll(url: string, pusher: Pusher, conversations: Conversation[]) {
  for (const batch of batches(conversations, BATCH)) {
    const response = await fetch(`${url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `al_device=${pusher.credential}` },
      body: JSON.stringify({
        protocol: PROTOCOL_VERSION,
        kind: 'push',
        changes: batch.map((conversation) => ({ op: 'create', changeId: uuidv7(), workerId: pusher.workerId, conversation }))
      })
    });
    if (!response.ok) throw new Error(`push failed: ${response.status} ${await response.text()}`);
  }
}
