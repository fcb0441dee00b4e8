/**
 * Issue 5, what a tablet feels: the app's own sync engine in Chromium pushing 10,000 conversations
 * to the server on PGlite and on PostgreSQL, and a fresh device pulling them; against PouchDB
 * replicating the same documents, and against the storage floor (500-row INSERTs) of each database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { uuidv7 } from 'uuidv7';
import { openStore } from '../src/lib/server/store';
import { openPgliteDatabase } from '../src/lib/server/store/pglite-database';
import { openPostgresDatabase } from '../src/lib/server/store/postgres-database';
import { AppServer, type StoreKind } from '../tests/support/app-server';
import { CHROMIUM_LAUNCH_OPTIONS } from '../tests/support/chromium';
import { startPostgresCluster } from '../tests/support/postgres-cluster';
import { networkSetupFromFile, WARD_FILES } from '../tests/support/shared-data';
import { seedDevice } from './capture-device';
import { floorInsertRate } from './floor-insert';
import { generateConversations } from './generate-conversations';
import { benchPouchDbPeer } from './pouchdb-peer';
import type { BenchResult } from './results';

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
      results.push(
        { name: `sync engine push 10,000 from Chromium to ${db}`, value: figures.push, unit: 'conversations/s', peer: 'PouchDB push', ratio: figures.push / peerPush, goal: '≥ 4× PouchDB' },
        { name: `sync engine push vs floor on ${db}`, value: figures.push, unit: 'conversations/s', peer: `500-row INSERT floor (${Math.round(figures.floor)} rows/s)`, ratio: figures.push / figures.floor, goal: '≥ 0.7× floor' },
        { name: `sync engine pull 10,000 from ${db} into a fresh device`, value: figures.pull, unit: 'conversations/s', peer: 'PouchDB pull', ratio: figures.pull / peerPull, goal: '≥ 10× PouchDB' },
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
    const store = await openStore(server.storeConfig);
    const network = await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds));
    const { wards, themes } = (await store.getReferenceData())!;
    await store.close();
    await server.start();
    const conversations = generateConversations(COUNT, wards.map((w) => w.code), themes.map((t) => t.id), 7);
    const open = (profile: string) =>
      chromium.launchPersistentContext(profile, { ...CHROMIUM_LAUNCH_OPTIONS, baseURL: server.url, serviceWorkers: 'allow' });

    // A tablet with 10,000 waiting: opening the app pushes them; time the push.
    const tabletA = await open(profiles[0]);
    const pageA = tabletA.pages()[0] ?? (await tabletA.newPage());
    await ready(pageA);
    await seedDevice(pageA, conversations);
    await pageA.reload();
    await pageA.waitForFunction(() => performance.getEntriesByName('anchor:push').length > 0, null, { timeout: 300_000 });
    const push = COUNT / ((await lastMeasure(pageA, 'anchor:push')) / 1000);
    await pageA.getByText('All conversations are synced').waitFor();
    await tabletA.close();

    // A new tablet: opening the app pulls everything.
    const tabletB = await open(profiles[1]);
    const pageB = tabletB.pages()[0] ?? (await tabletB.newPage());
    await ready(pageB);
    await pageB.waitForFunction(() => performance.getEntriesByName('anchor:pull').length > 0, null, { timeout: 300_000 });
    const pull = COUNT / ((await lastMeasure(pageB, 'anchor:pull')) / 1000);
    await tabletB.close();

    await server.stop();
    const db = kind === 'pglite' ? await openPgliteDatabase(server.dataDir) : await openPostgresDatabase(server.env.DATABASE_URL);
    try {
      const floor = await floorInsertRate(db, network.id, uuidv7(), conversations, 500);
      return { push, pull, floor };
    } finally {
      await db.close();
    }
  } finally {
    await server.dispose();
    profiles.forEach((profile) => rmSync(profile, { recursive: true, force: true }));
  }
}

async function ready(page: Page) {
  await page.goto('/capture');
  await page.getByLabel('Search wards').waitFor();
  await page.getByText('All conversations are synced').waitFor();
}

/** The duration of the latest User Timing measure of this name, in ms. */
function lastMeasure(page: Page, name: string): Promise<number> {
  return page.evaluate((n) => performance.getEntriesByName(n).at(-1)!.duration, name);
}
