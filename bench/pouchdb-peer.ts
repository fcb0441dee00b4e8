/**
 * The peer our sync is compared with: PouchDB in Chromium (its default IndexedDB adapter, `idb`)
 * replicating 10,000 conversations to and from express-pouchdb (PouchDB on LevelDB on disk) over
 * loopback, each way timed inside the page from the start of `PouchDB.replicate` to its end.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { uuidv7 } from 'uuidv7';
import { CHROMIUM_LAUNCH_OPTIONS } from '../tests/support/chromium';
import { freePort } from '../tests/support/free-port';
import { networkSetupFromFile, WARD_FILES } from '../tests/support/shared-data';
import { generateConversations } from './generate-conversations';
import type { BenchResult } from './results';

const COUNT = 10_000;
/** Replicated untimed each way first, to other databases, so JIT and start-up are not what is measured. */
const WARM_UP = 500;
/** bulkDocs in slices of this many when filling the page's database (untimed). */
const FILL_SLICE = 1_000;
/** The page and the browser bundle live under a path no CouchDB database name can take. */
const PAGE_PATH = '/_bench/';

const require = createRequire(import.meta.url);

/** The little of PouchDB's API used here, in Node and in the page alike. */
interface Replication {
  ok: boolean;
  docs_written: number;
  doc_write_failures: number;
}
interface PouchDatabase {
  bulkDocs(docs: object[]): Promise<Array<{ ok?: boolean; error?: string }>>;
  info(): Promise<{ doc_count: number; adapter: string }>;
  close(): Promise<void>;
}
interface PouchStatic {
  new (name: string): PouchDatabase;
  replicate(source: PouchDatabase | string, target: PouchDatabase | string): Promise<Replication>;
  defaults(options: { prefix: string }): PouchStatic;
}
type PouchDoc = { _id: string } & Record<string, unknown>;

export async function benchPouchDbPeer(): Promise<BenchResult[]> {
  // The same kind of data our own benchmarks move: Leeds wards, one id per default theme, each
  // conversation recorded for an organisation by a worker (as a tablet keeps it).
  const setup = networkSetupFromFile(WARD_FILES.leeds);
  const refs = { wardCodes: setup.wards.map((w) => w.code), themeIds: setup.themeNames.map(() => uuidv7()), organisationId: uuidv7() };
  const workerId = uuidv7();
  const generate = (count: number, seed: number): PouchDoc[] =>
    generateConversations(count, refs, seed).map(({ id, ...rest }) => ({ _id: id, ...rest, workerId }));
  const docs = generate(COUNT, 1);
  const warmUpDocs = generate(WARM_UP, 2);

  const dataDir = mkdtempSync(join(tmpdir(), 'anchor-bench-pouchdb-server-'));
  const profiles: string[] = [];
  const contexts: BrowserContext[] = [];
  let onServer: PouchDatabase | undefined;
  const ServerPouchDB = (require('pouchdb') as PouchStatic).defaults({ prefix: `${dataDir}/` });
  const couch = (require('express-pouchdb') as (pouch: PouchStatic, options: object) => RequestListener)(
    ServerPouchDB,
    { mode: 'minimumForPouchDB' }
  );
  const bundle = readFileSync(require.resolve('pouchdb/dist/pouchdb.min.js'));
  const page = Buffer.from(`<!doctype html><meta charset="utf-8"><title>PouchDB peer</title><script src="pouchdb.min.js"></script>`);
  // Page, bundle and database on one origin, so no CORS preflights are part of what is timed.
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === PAGE_PATH || path === `${PAGE_PATH}pouchdb.min.js`) {
      const body = path === PAGE_PATH ? page : bundle;
      res.writeHead(200, { 'content-type': path === PAGE_PATH ? 'text/html' : 'text/javascript', 'content-length': body.length });
      res.end(body);
    } else {
      couch(req, res);
    }
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${port}`;

  // A persistent context on a fresh profile each time: IndexedDB on disk, as on a tablet, and empty.
  const openPage = async () => {
    const profile = mkdtempSync(join(tmpdir(), 'anchor-bench-pouchdb-tablet-'));
    profiles.push(profile);
    const context = await chromium.launchPersistentContext(profile, CHROMIUM_LAUNCH_OPTIONS);
    contexts.push(context);
    const tab = context.pages()[0] ?? (await context.newPage());
    await tab.goto(`${origin}${PAGE_PATH}`);
    await tab.waitForFunction(() => 'PouchDB' in window);
    return tab;
  };

  try {
    const pushTab = await openPage();
    const push = await pushTab.evaluate(
      // No named functions in here: tsx would wrap them in a `__name` helper the page lacks.
      async ({ docs, warmUpDocs, remote, slice }) => {
        const PouchDB = (window as unknown as { PouchDB: PouchStatic }).PouchDB;
        const warmUp = new PouchDB('warm-up');
        await warmUp.bulkDocs(warmUpDocs);
        const warm = await PouchDB.replicate(warmUp, `${remote}/warm-up`);
        if (!warm.ok || warm.docs_written !== warmUpDocs.length || warm.doc_write_failures > 0) throw new Error(`warm-up push: ${JSON.stringify(warm)}`);
        const local = new PouchDB('conversations');
        for (let i = 0; i < docs.length; i += slice) {
          const written = await local.bulkDocs(docs.slice(i, i + slice));
          if (written.some((w) => !w.ok)) throw new Error('bulkDocs failed in the page');
        }
        const { adapter } = await local.info();
        const started = performance.now();
        const replication = await PouchDB.replicate(local, `${remote}/conversations`);
        const ms = performance.now() - started;
        if (!replication.ok || replication.docs_written !== docs.length || replication.doc_write_failures > 0) throw new Error(`push: ${JSON.stringify(replication)}`);
        await warmUp.close();
        await local.close();
        return { ms, adapter };
      },
      { docs, warmUpDocs, remote: origin, slice: FILL_SLICE }
    );
    if (push.adapter !== 'idb' && push.adapter !== 'indexeddb') throw new Error(`PouchDB in the page used ${push.adapter}`);
    onServer = new ServerPouchDB('conversations');
    const serverCount = (await onServer.info()).doc_count;
    if (serverCount !== COUNT) throw new Error(`express-pouchdb holds ${serverCount} docs after the push`);
    await contexts[0].close();

    const pullTab = await openPage();
    const pullMs = await pullTab.evaluate(
      async ({ remote, count, warmUpCount }) => {
        const PouchDB = (window as unknown as { PouchDB: PouchStatic }).PouchDB;
        const warmUp = new PouchDB('warm-up');
        const warm = await PouchDB.replicate(`${remote}/warm-up`, warmUp);
        if (!warm.ok || warm.docs_written !== warmUpCount || warm.doc_write_failures > 0) throw new Error(`warm-up pull: ${JSON.stringify(warm)}`);
        const local = new PouchDB('conversations');
        const started = performance.now();
        const replication = await PouchDB.replicate(`${remote}/conversations`, local);
        const ms = performance.now() - started;
        if (!replication.ok || replication.docs_written !== count || replication.doc_write_failures > 0) throw new Error(`pull: ${JSON.stringify(replication)}`);
        const held = (await local.info()).doc_count;
        if (held !== count) throw new Error(`the page holds ${held} docs after the pull`);
        await warmUp.close();
        await local.close();
        return ms;
      },
      { remote: origin, count: COUNT, warmUpCount: WARM_UP }
    );

    return [
      { name: 'peer: PouchDB push 10,000 (IndexedDB → express-pouchdb)', value: COUNT / (push.ms / 1000), unit: 'docs/s' },
      { name: 'peer: PouchDB pull 10,000 (express-pouchdb → IndexedDB)', value: COUNT / (pullMs / 1000), unit: 'docs/s' }
    ];
  } finally {
    for (const context of contexts) await context.close().catch(() => {});
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await onServer?.close().catch(() => {});
    for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}
