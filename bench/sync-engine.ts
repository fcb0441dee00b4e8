/**
 * Issue 5, what a tablet feels, again with device credentials checked (issue 10): the app's own
 * sync engine in Chromium, on a tablet enrolled through the app's /enrol page and unlocked by
 * Amina, pushing her 10,000 conversations to the server on PGlite and on PostgreSQL, and a fresh
 * tablet, enrolled with another code and unlocked by Amina, pulling them; against PouchDB
 * replicating the same documents, against the storage floor (500-row INSERTs of the same rows) of
 * each database, and against the same ratios before accounts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { openPgliteDatabase } from '../src/lib/server/store/pglite-database';
import { openPostgresDatabase } from '../src/lib/server/store/postgres-database';
import { AppServer, type StoreKind } from '../tests/support/app-server';
import { CHROMIUM_LAUNCH_OPTIONS } from '../tests/support/chromium';
import { startPostgresCluster } from '../tests/support/postgres-cluster';
import { BEFORE_ACCOUNTS, withinTenPercentOfBefore } from './before-accounts';
import { seedBeforeStart } from './bench-network';
import { seedDevice } from '../tests/e2e/device';
import { floorInsertRate } from './floor-insert';
import { generateConversations } from './generate-conversations';
import { benchPouchDbPeer } from './pouchdb-peer';
import type { BenchResult } from './results';
import { enrol, unlockAndSync } from './tablet';

const COUNT = 10_000;

export async function benchSyncEngine(): Promise<BenchResult[]> {
  const peer = await benchPouchDbPeer();
  const [peerPush, peerPull] = peer.map((r) => r.value);
  const results: BenchResult[] = [...peer];
  const cluster = await startPostgresCluster().catch((error: Error) => {
    console.log(`PostgreSQL figures skipped: ${error.message}`);
    return null;
  });
  try {
    for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
      if (kind === 'postgres' && !cluster) continue;
      const figures = await measureOn(kind, cluster?.adminUrl);
      const db = kind === 'pglite' ? 'PGlite' : 'PostgreSQL';
      const before = kind === 'pglite'
        ? { push: BEFORE_ACCOUNTS.syncPushPglite, pull: BEFORE_ACCOUNTS.syncPullPglite }
        : { push: BEFORE_ACCOUNTS.syncPushPostgres, pull: BEFORE_ACCOUNTS.syncPullPostgres };
      const floorPeer = `500-row INSERT floor (${Math.round(figures.floor)} rows/s)`;
      results.push(
        { name: `sync engine push 10,000 from Chromium to ${db}`, value: figures.push, unit: 'conversations/s', peer: 'PouchDB push', ratio: figures.push / peerPush, goal: '≥ 4× PouchDB' },
        { name: `sync engine push vs floor on ${db}`, value: figures.push, unit: 'conversations/s', peer: floorPeer, ratio: figures.push / figures.floor, goal: '≥ 0.7× floor' },
        {
          name: `  … push vs floor against before accounts (${db})`,
          value: figures.push,
          unit: 'conversations/s',
          peer: floorPeer,
          ratio: figures.push / figures.floor,
          ...withinTenPercentOfBefore(before.push, figures.push / figures.floor)
        },
        { name: `sync engine pull 10,000 from ${db} into a fresh device`, value: figures.pull, unit: 'conversations/s', peer: 'PouchDB pull', ratio: figures.pull / peerPull, goal: '≥ 10× PouchDB' },
        {
          name: `  … pull vs floor against before accounts (${db})`,
          value: figures.pull,
          unit: 'conversations/s',
          peer: floorPeer,
          ratio: figures.pull / figures.floor,
          ...withinTenPercentOfBefore(before.pull, figures.pull / figures.floor)
        },
        { name: `floor: 500-row INSERT into ${db}`, value: figures.floor, unit: 'rows/s' }
      );
    }
  } finally {
    await cluster?.stop();
  }
  return results;
}

async function measureOn(kind: StoreKind, postgresAdminUrl?: string) {
  const server = await AppServer.create(kind, postgresAdminUrl);
  const profiles = [mkdtempSync(join(tmpdir(), 'anchor-bench-a-')), mkdtempSync(join(tmpdir(), 'anchor-bench-b-'))];
  try {
    const { seeded, refs } = await seedBeforeStart(server);
    const amina = seeded.workers.amina;
    await server.start();
    const conversations = generateConversations(COUNT, refs, 7);
    const open = (profile: string) =>
      chromium.launchPersistentContext(profile, { ...CHROMIUM_LAUNCH_OPTIONS, baseURL: server.url, serviceWorkers: 'allow' });

    // A tablet with Amina's 10,000 waiting: opening the app pushes them; time the push.
    const tabletA = await open(profiles[0]);
    const pageA = tabletA.pages()[0] ?? (await tabletA.newPage());
    await enrol(pageA, seeded.enrolmentCodes[0]);
    // Unlocking syncs (nothing to send yet); once that is over nothing runs while the device is seeded.
    await unlockAndSync(pageA, amina);
    await pageA.getByLabel('The resident agrees to this conversation being recorded').waitFor();
    await seedDevice(pageA, conversations, amina.id);
    await pageA.reload();
    await pageA.waitForFunction(() => performance.getEntriesByName('anchor:push').length > 0, null, { timeout: 300_000 });
    const push = COUNT / ((await lastMeasure(pageA, 'anchor:push')) / 1000);
    await pageA.getByText('All synced').waitFor();
    await tabletA.close();

    // A new tablet, enrolled with another code: Amina unlocking it pulls her 10,000.
    const tabletB = await open(profiles[1]);
    const pageB = tabletB.pages()[0] ?? (await tabletB.newPage());
    await enrol(pageB, seeded.enrolmentCodes[1]);
    const pull = COUNT / ((await unlockAndSync(pageB, amina)) / 1000);
    const held = await pageB.evaluate(() => new Promise<number>((resolve, reject) => {
      const opening = indexedDB.open('anchor-listening');
      opening.onerror = () => reject(opening.error);
      opening.onsuccess = () => {
        const counting = opening.result.transaction('conversations').objectStore('conversations').count();
        counting.onsuccess = () => { opening.result.close(); resolve(counting.result); };
        counting.onerror = () => reject(counting.error);
      };
    }));
    if (held !== COUNT) throw new Error(`The fresh tablet holds ${held} conversations after pulling, not ${COUNT}`);
    await tabletB.close();

    await server.stop();
    const db = kind === 'pglite' ? await openPgliteDatabase(server.dataDir) : await openPostgresDatabase(server.env.DATABASE_URL);
    try {
      const owner = { networkId: seeded.network.id, deviceId: seeded.tablet.id, workerId: amina.id };
      const floor = await floorInsertRate(db, owner, conversations, 500);
      return { push, pull, floor };
    } finally {
      await db.close();
    }
  } finally {
    await server.dispose();
    profiles.forEach((profile) => rmSync(profile, { recursive: true, force: true }));
  }
}

/** The duration of the latest User Timing measure of this name, in ms. */
function lastMeasure(page: Page, name: string): Promise<number> {
  return page.evaluate((n) => performance.getEntriesByName(n).at(-1)!.duration, name);
}
