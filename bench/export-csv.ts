/**
 * Issue 14: the Conversations CSV export, and the spreadsheet (XLSX, every sheet) over HTTP (`GET /api/export/conversations`, streamed
 * from the database a page at a time) on PGlite and PostgreSQL, at 10,000 and 100,000
 * conversations: its time and the server's peak RSS, against the database's own
 * `COPY (the same select) TO STDOUT WITH CSV` of the same rows in the same run (PGlite: its
 * `COPY … TO '/dev/blob'`, the same thing for an embedded database). Goals: at most 2× COPY's
 * time; memory flat, the peak RSS at 100,000 rows under 50 MB above the peak at 10,000. The
 * spreadsheet (`GET /api/export/spreadsheet`, a coordinator's: Conversations and the other sheets)
 * of 100,000 conversations: under 15 s, memory flat the same way.
 *
 * Peak RSS counts garbage not yet collected as well as what the export keeps. So each export is
 * also downloaded a second time (untimed, its peak RSS not taken) while the server, started with
 * `--expose-gc`, is asked every half second to collect garbage and say its live heap
 * (scripts/start.js's SIGUSR2): the highest such heap during the export is what it holds.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from '../src/lib/server/store/migrations';
import { openPgliteDatabase } from '../src/lib/server/store/pglite-database';
import { openPostgresDatabase } from '../src/lib/server/store/postgres-database';
import type { SqlDatabase } from '../src/lib/server/store/sql-database';
import { conversationExportSql } from '../src/lib/server/store/export-queries';
import { AppServer } from '../tests/support/app-server';
import { startPostgresCluster } from '../tests/support/postgres-cluster';
import { seedBeforeStart } from './bench-network';
import { insertConversations } from './england-network';
import type { BenchResult } from './results';

const SIZES = [10_000, 100_000] as const;
const step = (what: string) => console.error(`export bench: ${what}`);
const MB = 1024 * 1024;

export async function benchExportCsv(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  results.push(...(await measure('pglite')));
  const cluster = await startPostgresCluster();
  try {
    results.push(...(await measure('postgres', cluster.adminUrl)));
  } finally {
    await cluster.stop();
  }
  return results;
}

async function measure(kind: 'pglite' | 'postgres', adminUrl?: string): Promise<BenchResult[]> {
  const engine = kind === 'pglite' ? 'PGlite' : 'PostgreSQL';
  // The server inherits this process's environment: --expose-gc lets it answer the heap probe (it changes nothing else).
  process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, '--expose-gc'].filter(Boolean).join(' ');
  const server = await AppServer.create(kind, adminUrl);
  try {
    const { seeded, refs } = await seedBeforeStart(server);
    const cookie = `al_session=${seeded.people.coordinator.session}`;
    const figures: { rows: number; ms: number; copyMs: number; peakRss: number; baseRss: number; mb: number; liveHeap: number }[] = [];
    const xlsxFigures: (Download & { liveHeap: number })[] = [];
    let loaded = 0;
    for (const size of SIZES) {
      // The server is stopped while rows are loaded and COPY runs: PGlite is one process per data directory.
      const db = kind === 'pglite' ? await openPgliteDatabase(server.dataDir) : await openPostgresDatabase(server.env.DATABASE_URL);
      try {
        await migrate(db);
        await insertConversations(db, seeded.network.id, size - loaded, { wardCodes: refs.wardCodes, themeIds: refs.themeIds, eventIds: [] });
        await db.exec('vacuum analyze conversations');
      } finally {
        await db.close();
      }
      loaded = size;
      step(`${engine}: ${size} rows loaded; COPY`);
      const copyMs = await timeCopy(kind, server, seeded.network.id);

      step(`${engine}: COPY ${copyMs.toFixed(0)} ms; starting the server`);
      await server.start();
      try {
        const pid = serverPid(server.port);
        // Warm: the first request loads the route's code and plans its queries.
        await (await fetch(`${server.url}/api/export/conversations?from=2026-01-01&to=2026-01-01`, { headers: { cookie } })).arrayBuffer();
        const csv = await download(server.url, '/api/export/conversations', cookie, pid);
        if (csv.rows !== size) throw new Error(`The export said ${csv.rows} rows, not ${size}`);
        const csvHeap = await liveHeapDuring(server, pid, '/api/export/conversations', cookie);
        step(`${engine}: export of ${size} rows ${csv.ms.toFixed(0)} ms; live heap ${(csvHeap / MB).toFixed(1)} MB`);
        figures.push({ rows: size, ms: csv.ms, copyMs, peakRss: csv.peakRss, baseRss: csv.baseRss, mb: csv.mb, liveHeap: csvHeap });
        const xlsx = await download(server.url, '/api/export/spreadsheet', cookie, pid);
        if (xlsx.rows !== size) throw new Error(`The spreadsheet said ${xlsx.rows} rows, not ${size}`);
        const xlsxHeap = await liveHeapDuring(server, pid, '/api/export/spreadsheet', cookie);
        step(`${engine}: spreadsheet of ${size} rows ${xlsx.ms.toFixed(0)} ms; live heap ${(xlsxHeap / MB).toFixed(1)} MB`);
        xlsxFigures.push({ ...xlsx, liveHeap: xlsxHeap });
      } finally {
        await server.stop();
      }
    }
    const [small, large] = figures;
    const n = (rows: number) => rows.toLocaleString('en-GB');
    const growth = (large.peakRss - small.peakRss) / MB;
    return [
      ...figures.map((f) => ({
        name: `CSV export of ${n(f.rows)} conversations via HTTP (${engine})`,
        value: f.ms,
        unit: 'ms',
        ...(f.rows === large.rows ? { goal: '≤ 2× COPY', met: f.ms <= 2 * f.copyMs } : {}),
        peer: `${engine} COPY … TO ${kind === 'pglite' ? "'/dev/blob'" : 'STDOUT'} WITH CSV`,
        ratio: f.ms / f.copyMs
      })),
      ...figures.map((f) => ({ name: `  … COPY of the same ${n(f.rows)} rows (${engine})`, value: f.copyMs, unit: 'ms' })),
      ...figures.map((f) => ({ name: `  … file size, ${n(f.rows)} rows (${engine})`, value: f.mb, unit: 'MB' })),
      ...figures.map((f) => ({ name: `  … server peak RSS, ${n(f.rows)} rows (${engine})`, value: f.peakRss / MB, unit: 'MB' })),
      ...figures.map((f) => ({ name: `  … server RSS growth during the export, ${n(f.rows)} rows (${engine})`, value: (f.peakRss - f.baseRss) / MB, unit: 'MB' })),
      { name: `  … peak RSS, 100,000 rows minus 10,000 rows (${engine})`, value: growth, unit: 'MB', goal: '< 50 MB', met: growth < 50 },
      ...figures.map((f) => ({ name: `  … server live heap (after a forced GC), highest during the export, ${n(f.rows)} rows (${engine})`, value: f.liveHeap / MB, unit: 'MB' })),
      { name: `  … live heap during the export, 100,000 rows minus 10,000 rows (${engine})`, value: (large.liveHeap - small.liveHeap) / MB, unit: 'MB' },
      ...xlsxResults(engine, xlsxFigures)
    ];
  } finally {
    await server.dispose();
  }
}

interface Download {
  rows: number;
  ms: number;
  mb: number;
  peakRss: number;
  baseRss: number;
}

/** One export downloaded whole (and dropped): its time, size, and the server's RSS before and at its peak. */
async function download(url: string, path: string, cookie: string, pid: number): Promise<Download> {
  const baseRss = rssOf(pid);
  let peakRss = baseRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(pid))), 20);
  const started = performance.now();
  const response = await fetch(`${url}${path}`, { headers: { cookie } });
  if (response.status !== 200 || !response.body) throw new Error(`${path} answered ${response.status}`);
  let bytes = 0;
  for await (const chunk of response.body) bytes += chunk.byteLength;
  const ms = performance.now() - started;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, rssOf(pid));
  return { rows: Number(response.headers.get('x-export-rows')), ms, mb: bytes / MB, peakRss, baseRss };
}

/** The spreadsheet's figures, with stable plain names; goals: 100,000 under 15 s, peak RSS at 100,000 under 50 MB above 10,000's. */
function xlsxResults(engine: string, figures: (Download & { liveHeap: number })[]): BenchResult[] {
  const n = (rows: number) => rows.toLocaleString('en-GB');
  const [small, large] = figures;
  const growth = (large.peakRss - small.peakRss) / MB;
  return [
    ...figures.map((f) => ({
      name: `XLSX export, ${n(f.rows)} conversations over HTTP, ${engine}`,
      value: f.ms,
      unit: 'ms',
      ...(f.rows === large.rows ? { goal: '< 15 s', met: f.ms < 15_000 } : {})
    })),
    ...figures.map((f) => ({ name: `  … XLSX file size, ${n(f.rows)} conversations, ${engine}`, value: f.mb, unit: 'MB' })),
    ...figures.map((f) => ({ name: `  … XLSX server peak RSS, ${n(f.rows)} conversations, ${engine}`, value: f.peakRss / MB, unit: 'MB' })),
    { name: `  … XLSX peak RSS, 100,000 minus 10,000 conversations, ${engine}`, value: growth, unit: 'MB', goal: '< 50 MB', met: growth < 50 },
    ...figures.map((f) => ({ name: `  … XLSX server live heap (after a forced GC), highest during the export, ${n(f.rows)} conversations, ${engine}`, value: f.liveHeap / MB, unit: 'MB' })),
    { name: `  … XLSX live heap during the export, 100,000 minus 10,000 conversations, ${engine}`, value: (large.liveHeap - small.liveHeap) / MB, unit: 'MB' }
  ];
}

const HEAP_LINE = /^heap after gc: (\d+)$/gm;

/** The server's live heap: it collects garbage on SIGUSR2 and prints what is left (scripts/start.js, with --expose-gc). */
async function heapAfterGc(server: AppServer, pid: number): Promise<number> {
  const before = [...server.output.matchAll(HEAP_LINE)].length;
  process.kill(pid, 'SIGUSR2');
  for (let waited = 0; waited < 10_000; waited += 10) {
    const lines = [...server.output.matchAll(HEAP_LINE)];
    if (lines.length > before) return Number(lines.at(-1)![1]);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('The server did not answer the heap probe: is it started with --expose-gc?');
}

/** The export downloaded again (untimed), the live heap probed every half second: the highest, and the last after the download. */
async function liveHeapDuring(server: AppServer, pid: number, path: string, cookie: string): Promise<number> {
  let highest = await heapAfterGc(server, pid);
  let done = false;
  const probing = (async () => {
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (!done) highest = Math.max(highest, await heapAfterGc(server, pid));
    }
  })();
  try {
    const response = await fetch(`${server.url}${path}`, { headers: { cookie } });
    if (response.status !== 200 || !response.body) throw new Error(`${path} answered ${response.status}`);
    for await (const _chunk of response.body);
  } finally {
    done = true;
    await probing;
  }
  return highest;
}

/** The database's own CSV of the export's select, read to the end and dropped. */
async function timeCopy(kind: 'pglite' | 'postgres', server: AppServer, networkId: string): Promise<number> {
  const { sql, params } = conversationExportSql(networkId, {});
  // COPY takes no bind parameters: the one parameter is the network's id, a UUID we made.
  if (params.length !== 1 || !/^[0-9a-f-]{36}$/.test(String(params[0]))) throw new Error('Unexpected parameters for COPY');
  const select = sql.replaceAll('$1', `'${params[0]}'`);
  const runs: number[] = [];
  if (kind === 'pglite') {
    const pglite = await PGlite.create({ dataDir: server.dataDir });
    try {
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        const [result] = await pglite.exec(`copy (${select}) to '/dev/blob' with csv`);
        await result.blob?.arrayBuffer();
        runs.push(performance.now() - started);
      }
    } finally {
      await pglite.close();
    }
  } else {
    // psql, not postgres.js: its COPY stream now and then never ended (twice in four runs), and
    // psql is how a DBA would take the rows. Its start-up, timed on `select 1`, is taken off.
    const psql = (command: string) => {
      const started = performance.now();
      const run = spawnSync('psql', [server.env.DATABASE_URL, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', command], { stdio: ['ignore', 'ignore', 'pipe'] });
      if (run.status !== 0) throw new Error(`psql failed: ${run.stderr}`);
      return performance.now() - started;
    };
    const startUp = Math.min(psql('select 1'), psql('select 1'), psql('select 1'));
    for (let i = 0; i < 3; i++) runs.push(psql(`copy (${select}) to stdout with csv`) - startUp);
  }
  return Math.min(...runs.slice(1)); // the first run warms the cache, as the export's warm-up does
}

/** The server process listening on `port`: the child of this process running scripts/start.js. */
function serverPid(port: number): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      if (!new RegExp(`^PPid:\\s+${process.pid}$`, 'm').test(status)) continue;
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8');
      if (environ.split('\0').includes(`PORT=${port}`)) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  throw new Error(`No server process for port ${port}`);
}

function rssOf(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) * 1024;
}
