/**
 * Issue 6: the ward map's one aggregation query (ward × theme, with date and event filters) over
 * the England network: 100,000 conversations on embedded PGlite, 1,000,000 on PostgreSQL.
 */
import { gzipSync } from 'node:zlib';
import { uuidv7 } from 'uuidv7';
import type { MapFilters } from '../src/lib/domain/ward-map';
import { migrate } from '../src/lib/server/store/migrations';
import { openPgliteDatabase } from '../src/lib/server/store/pglite-database';
import { openPostgresDatabase } from '../src/lib/server/store/postgres-database';
import type { SqlDatabase } from '../src/lib/server/store/sql-database';
import { createSqlStore } from '../src/lib/server/store/sql-store';
import { createDatabase, startPostgresCluster } from '../tests/support/postgres-cluster';
import { seedNetwork } from '../tests/support/seed-network';
import { ENGLAND_NETWORK, insertConversations } from './england-network';
import type { BenchResult } from './results';

const RUNS = 7;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function benchMapAggregation(): Promise<BenchResult[]> {
  const pglite = await openPgliteDatabase();
  const onPglite = await measure(pglite, 'PGlite', 100_000, '< 300 ms').finally(() => pglite.close());
  const cluster = await startPostgresCluster();
  try {
    const postgres = await openPostgresDatabase(await createDatabase(cluster.adminUrl, `bench_${uuidv7().replaceAll('-', '')}`));
    const onPostgres = await measure(postgres, 'PostgreSQL', 1_000_000, '< 500 ms').finally(() => postgres.close());
    return [...onPglite, ...onPostgres];
  } finally {
    await cluster.stop();
  }
}

async function measure(db: SqlDatabase, engine: string, count: number, goal: string): Promise<BenchResult[]> {
  await migrate(db);
  const store = createSqlStore(db);
  const { network } = await seedNetwork(store, ENGLAND_NETWORK);
  const events = await Promise.all(
    ['Armley', 'Bolsover', 'Camden', 'Dover', 'Exeter'].map((place, i) =>
      store.addEvent(network.id, { name: `Listening day in ${place}`, date: `2026-0${i + 3}-14`, place })
    )
  );
  const { wards, themes } = (await store.getReferenceData())!;
  const loadStart = performance.now();
  await insertConversations(db, network.id, count, {
    wardCodes: wards.map((w) => w.code),
    themeIds: themes.map((t) => t.id),
    eventIds: events.map((e) => e.id)
  });
  const loadSeconds = (performance.now() - loadStart) / 1000;
  // What autovacuum does to an insert-only table soon after a bulk load: statistics for the
  // planner and the visibility map that lets the index answer alone.
  await db.exec('vacuum analyze conversations');

  const time = async (filters: MapFilters) => {
    await store.wardMap(network.id, filters); // warm: plan cache and buffers, as on a running server
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await store.wardMap(network.id, filters);
      runs.push(performance.now() - started);
    }
    return median(runs);
  };
  const themeId = themes[0].id;
  const all = await time({ themeId });
  const quarter = await time({ themeId, from: '2026-04-01', to: '2026-06-30' });
  const event = await time({ themeId, eventId: events[2].id });
  const versionRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await store.wardMapVersion(network.id);
    versionRuns.push(performance.now() - started);
  }
  const answerKb = gzipSync(JSON.stringify({ filters: { themeId }, wards: await store.wardMap(network.id, { themeId }) })).length / 1024;
  const n = count.toLocaleString('en-GB');
  return [
    { name: `map aggregation, ${n} conversations × 6,826 wards, ${engine}`, value: all, unit: 'ms', goal },
    { name: `  … one quarter's dates (${engine})`, value: quarter, unit: 'ms' },
    { name: `  … one event (${engine})`, value: event, unit: 'ms' },
    { name: `  … cached answer's freshness check (${engine})`, value: median(versionRuns), unit: 'ms' },
    { name: `  bulk load of ${n} conversations (${engine})`, value: count / loadSeconds, unit: 'rows/s' },
    ...(engine === 'PostgreSQL' ? [{ name: 'map answer for 6,826 wards', value: answerKb, unit: 'KB gzip' }] : [])
  ];
}
