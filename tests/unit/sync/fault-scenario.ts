import 'fake-indexeddb/auto';
import { expect } from 'vitest';
import type { Conversation } from '../../../src/lib/domain/conversation';
import type { ReferenceData } from '../../../src/lib/domain/network';
import { openStore } from '../../../src/lib/server/store';
import { enrolTablet, seedNetwork, type SeededNetwork, type SeededTablet } from '../../support/seed-network';
import type { AppServer } from '../../support/app-server';
import { answersOf, makeConversation } from '../../support/conversations';
import { FaultProxy } from '../../support/fault-proxy';
import { seededRandom } from '../../support/seeded-random';
import { TestDevice } from '../../support/test-device';

const DEVICES = 5;
const PER_DEVICE = 200;

/** The network the sync scenarios run in, and enough tablets of Armley for every device in them. */
export interface SyncWorld {
  seeded: SeededNetwork;
  tablets: SeededTablet[];
}

/** Sets up the network and enrols the tablets in the server's own store before it starts. */
export async function setUpServer(server: AppServer): Promise<SyncWorld> {
  const store = await openStore(server.storeConfig);
  try {
    const seeded = await seedNetwork(store);
    const { network, organisations, people } = seeded;
    const tablets = [seeded.tablet];
    for (let i = 2; i <= 8; i++) tablets.push(await enrolTablet(store, network.id, organisations.armley.id, `Tablet ${i}`, people.coordinator.id));
    return { seeded, tablets };
  } finally {
    await store.close();
    await server.start();
  }
}

/** Amina recording on one of the world's tablets: every device of a scenario is hers, so each sees all. */
export const aminaOn = (world: SyncWorld, tablet: number) => ({ tablet: world.tablets[tablet], workerId: world.seeded.workers.amina.id });

/** fetch with a tablet's device credential, as its browser sends it. */
export const fetchAsTablet = (tablet: SeededTablet, url: string, init: RequestInit = {}) =>
  fetch(url, { ...init, headers: { ...init.headers, cookie: `al_device=${tablet.credential}` } });

/**
 * S2, S4, S5, S6 under faults: five devices create 200 conversations each, edit some on several
 * devices, delete some, going offline and online in turns, all through a proxy that drops,
 * duplicates, delays and reorders requests and drops responses after the server committed.
 */
export async function runFaultScenario(server: AppServer, world: SyncWorld, seed: number): Promise<void> {
  console.log(`sync fault scenario on ${server.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}: seed ${seed}`);
  const random = seededRandom(seed);
  const proxy = new FaultProxy(server.url, random, 0.3);
  const base = await proxy.start();
  const devices = Array.from({ length: DEVICES }, (_, i) => new TestDevice(() => base, random, aminaOn(world, i)));
  const reference = (await (await fetchAsTablet(world.tablets[0], `${server.url}/api/reference`)).json()) as ReferenceData;
  const wardCodes = reference.wards.map((w) => w.code);
  const themeIds = reference.themes.map((t) => t.id);
  try {
    // Phase 1: recording, with devices dropping in and out of signal.
    for (let round = 0; round < 4; round++) {
      for (const device of devices) {
        for (let i = 0; i < PER_DEVICE / 4; i++) {
          await device.save(makeConversation({ wardCode: wardCodes[Math.floor(random() * wardCodes.length)], themeIds: [themeIds[round % themeIds.length]] }));
        }
        device.online = random() > 0.4;
        await device.sync().catch(() => null);
      }
    }
    for (const device of devices) device.online = true;
    for (let pass = 0; pass < 2; pass++) for (const device of devices) await device.syncUntilSettled();
    const created = (await devices[0].conversations()).map((c) => c.id).sort();
    expect(created).toHaveLength(DEVICES * PER_DEVICE);
    for (const device of devices) expect((await device.conversations()).length).toBe(DEVICES * PER_DEVICE);

    // Phase 2: edits on several devices while offline, then deletes, and stale edits of deleted ones.
    const [d0, d1, d2, d3, d4] = devices;
    for (const device of devices) device.online = false;
    const differentFields = created.slice(0, 40);
    const sameField = created.slice(40, 60);
    const deleted = created.slice(60, 90);
    for (const [i, id] of differentFields.entries()) {
      await d0.edit(id, { peopleCount: 2 + (i % 10) });
      await d1.edit(id, { themeIds: [themeIds[(i + 1) % themeIds.length]] });
    }
    for (const id of sameField) await d2.edit(id, { answers: answersOf('Edited on device 2') });
    for (const id of sameField) await d3.edit(id, { answers: answersOf('Edited on device 3, later') });
    for (const id of deleted) await d4.remove(id);
    for (const id of deleted.slice(20)) await d0.edit(id, { peopleCount: 9 });

    // Back online in turns, then everyone settles.
    for (const device of [d4, d2, d0, d3, d1]) {
      device.online = true;
      await device.sync().catch(() => null);
    }
    for (let pass = 0; pass < 2; pass++) for (const device of devices) await device.syncUntilSettled();

    // The server, as a fresh device sees it without faults.
    const observer = new TestDevice(() => server.url, random, aminaOn(world, DEVICES));
    await observer.syncUntilSettled();
    const onServer = await observer.conversations();
    await observer.close();
    const expectedIds = created.filter((id) => !deleted.includes(id));
    expect(onServer.map((c) => c.id)).toEqual(expectedIds);
    expect(new Set(onServer.map((c) => c.id)).size).toBe(onServer.length);
    const byId = new Map(onServer.map((c) => [c.id, c]));
    differentFields.forEach((id, i) => {
      expect(byId.get(id)).toMatchObject({ peopleCount: 2 + (i % 10), themeIds: [themeIds[(i + 1) % themeIds.length]] });
    });
    for (const id of sameField) expect(byId.get(id)?.answers[0].text).toBe('Edited on device 3, later');
    for (const device of devices) expect(await device.conversations()).toEqual(onServer);
    for (const device of devices) expect(await device.db.outbox.count()).toBe(0);
    console.log(`faults injected: ${JSON.stringify(proxy.counts)}`);
  } finally {
    await proxy.stop();
    await Promise.all(devices.map((d) => d.close()));
  }
}
