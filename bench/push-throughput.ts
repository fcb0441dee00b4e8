/**
 * Issue 3: 10,000 conversations through the real HTTP push endpoint into PGlite on disk, against a
 * raw multi-row INSERT of the same rows into the same PGlite in the same run.
 */
import { uuidv7 } from 'uuidv7';
import type { Conversation } from '../src/lib/domain/conversation';
import { PROTOCOL_VERSION } from '../src/lib/domain/protocol';
import { openStore } from '../src/lib/server/store';
import { openPgliteDatabase } from '../src/lib/server/store/pglite-database';
import { AppServer } from '../tests/support/app-server';
import { networkSetupFromFile, WARD_FILES } from '../tests/support/shared-data';
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

export async function benchPushThroughput(): Promise<BenchResult[]> {
  const server = await AppServer.create('pglite');
  try {
    const store = await openStore({ dataDir: server.dataDir });
    const network = await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds));
    const { wards, themes } = (await store.getReferenceData())!;
    await store.close();
    const generate = (count: number, seed: number) =>
      generateConversations(count, wards.map((w) => w.code), themes.map((t) => t.id), seed);
    const conversations = generate(COUNT, 1);
    const deviceId = uuidv7();

    await server.start();
    await pushAll(server.url, deviceId, generate(WARM_UP, 2));
    const pushStart = performance.now();
    await pushAll(server.url, deviceId, conversations);
    const pushSeconds = (performance.now() - pushStart) / 1000;
    await server.stop();

    const db = await openPgliteDatabase(server.dataDir);
    const insertRate = await floorInsertRate(db, network.id, deviceId, conversations, BATCH).finally(() => db.close());
    const pushRate = COUNT / pushSeconds;
    return [
      { name: 'push 10,000 via HTTP into PGlite', value: pushRate, unit: 'conversations/s', peer: 'raw multi-row INSERT', ratio: pushRate / insertRate },
      { name: 'raw multi-row INSERT into PGlite (200 rows/statement)', value: insertRate, unit: 'rows/s' }
    ];
  } finally {
    await server.dispose();
  }
}

async function pushAll(url: string, deviceId: string, conversations: Conversation[]) {
  for (const batch of batches(conversations, BATCH)) {
    const response = await fetch(`${url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        protocol: PROTOCOL_VERSION,
        kind: 'push',
        deviceId,
        userId: null,
        changes: batch.map((conversation) => ({ op: 'create', changeId: uuidv7(), conversation }))
      })
    });
    if (!response.ok) throw new Error(`push failed: ${response.status} ${await response.text()}`);
  }
}
