import 'fake-indexeddb/auto';
import { expect } from 'vitest';
import { PushResult, type PullResult } from '../../../src/lib/domain/protocol';
import type { ReferenceData } from '../../../src/lib/domain/network';
import type { AppServer } from '../../support/app-server';
import { makeConversation } from '../../support/conversations';
import { seededRandom } from '../../support/seeded-random';
import { TestDevice } from '../../support/test-device';
import { aminaOn, fetchAsTablet, type SyncWorld } from './fault-scenario';

const KILLS = 20;

/** Every conversation id the server holds, read through its pull endpoint by a tablet of the same worker. */
async function idsOnServer(url: string, world: SyncWorld): Promise<string[]> {
  const ids: string[] = [];
  const { tablet, workerId } = aminaOn(world, 7);
  for (let cursor = '0'; ; ) {
    const response = await fetchAsTablet(tablet, `${url}/api/sync/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ protocol: 2, kind: 'pull', workerId, cursor, limit: 1000 })
    });
    const page = (await response.json()) as PullResult;
    ids.push(...page.conversations.filter((c) => !c.deleted).map((c) => c.id));
    if (!page.more) return ids;
    cursor = page.cursor;
  }
}

/**
 * S3 under crashes: devices push while the server process is killed with SIGKILL at random
 * moments, 20 times, and started again on the same data. Whatever a device was told is
 * committed is there after every restart, and in the end everything is there exactly once.
 */
export async function runCrashScenario(server: AppServer, world: SyncWorld, seed: number): Promise<void> {
  console.log(`crash scenario on ${server.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}: seed ${seed}`);
  const random = seededRandom(seed);
  const acknowledged = new Set<string>();
  const created: string[] = [];
  const devices = Array.from({ length: 3 }, (_, i) => new TestDevice(() => server.url, random, aminaOn(world, i)));
  // Note every conversation a device was told the server committed, the moment it is told.
  const realFetch = globalThis.fetch;
  const changeToConversation = new Map<string, string>();
  globalThis.fetch = async (input, init) => {
    const response = await realFetch(input, init);
    if (String(input).endsWith('/api/sync/push') && response.ok) {
      const result = PushResult.safeParse(await response.clone().json());
      if (result.success) result.data.acknowledged.forEach((changeId) => acknowledged.add(changeToConversation.get(changeId)!));
    }
    return response;
  };
  const reference = (await (await fetchAsTablet(world.tablets[0], `${server.url}/api/reference`)).json()) as ReferenceData;
  const record = async (device: TestDevice, count: number) => {
    for (let i = 0; i < count; i++) {
      const conversation = makeConversation({ wardCode: reference.wards[i % reference.wards.length].code });
      await device.save(conversation);
      created.push(conversation.id);
    }
    for (const entry of await device.db.outbox.toArray()) changeToConversation.set(entry.changeId, entry.conversationId);
  };

  let running = true;
  const pushing = devices.map(async (device) => {
    while (running) {
      await record(device, 25);
      await device.sync().catch(() => null);
    }
  });
  try {
    for (let kill = 0; kill < KILLS; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 100 + random() * 700));
      await server.kill();
      const toldCommitted = [...acknowledged];
      await server.start();
      const present = new Set(await idsOnServer(server.url, world));
      expect(toldCommitted.filter((id) => !present.has(id)), `after kill ${kill + 1}`).toEqual([]);
    }
    running = false;
    await Promise.all(pushing);
    for (const device of devices) await device.syncUntilSettled();
    const finalIds = await idsOnServer(server.url, world);
    expect(finalIds.length).toBe(new Set(finalIds).size);
    expect([...finalIds].sort()).toEqual([...created].sort());
    console.log(`${created.length} conversations, ${acknowledged.size} acknowledged across ${KILLS} kills`);
  } finally {
    running = false;
    globalThis.fetch = realFetch;
    await Promise.all(devices.map((d) => d.close()));
  }
}
