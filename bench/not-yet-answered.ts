/**
 * Issue 15: "raised but not yet answered" for England's 6,826 wards with 100,000 conversations and
 * 1,000 responses, as a ratio to the plain map's answer (the ward map's aggregation) timed in the
 * same run on the same data, on embedded PGlite and PostgreSQL. Goal: at most 1.5×.
 */
import { uuidv7 } from 'uuidv7';
import { notYetAnswered } from '../src/lib/server/not-yet-answered';
import { migrate } from '../src/lib/server/store/migrations';
import { openPgliteDatabase } from '../src/lib/server/store/pglite-database';
import { openPostgresDatabase } from '../src/lib/server/store/postgres-database';
import type { SqlDatabase } from '../src/lib/server/store/sql-database';
import { createSqlStore } from '../src/lib/server/store/sql-store';
import { createDatabase, startPostgresCluster } from '../tests/support/postgres-cluster';
import { seedNetwork } from '../tests/support/seed-network';
import { ENGLAND_NETWORK, insertConversations } from './england-network';
import type { BenchResult } from './results';

const CONVERSATIONS = 100_000;
const RESPONSES = 1_000;
const RUNS = 7;
const GOAL = 1.5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function benchNotYetAnswered(): Promise<BenchResult[]> {
  const pglite = await openPgliteDatabase();
  const onPglite = await measure(pglite, 'PGlite').finally(() => pglite.close());
  const cluster = await startPostgresCluster();
  try {
    const postgres = await openPostgresDatabase(await createDatabase(cluster.adminUrl, `bench_${uuidv7().replaceAll('-', '')}`));
    return [...onPglite, ...(await measure(postgres, 'PostgreSQL').finally(() => postgres.close()))];
  } finally {
    await cluster.stop();
  }
}

/**
 * 1,000 responses over the themes in turn, each for 3 wards spread by a hash; 10 of them for the
 * whole network, none on the first theme (the one timed), so its wards must all be counted.
 */
async function insertResponses(db: SqlDatabase, networkId: string, organisationId: string, themeIds: string[], wardCodes: string[]) {
  const responses = Array.from({ length: RESPONSES }, (_, i) => ({
    id: uuidv7(),
    theme_id: themeIds[i % themeIds.length],
    whole_network: i % 100 === 50 && i % themeIds.length !== 0
  }));
  const wards = responses.flatMap((r, i) =>
    r.whole_network ? [] : [...new Set([0, 1, 2].map((k) => wardCodes[(i * 7919 + k * 104729) % wardCodes.length]))].map((code) => ({ response_id: r.id, ward_code: code }))
  );
  await db.query(
    `insert into responses (id, network_id, organisation_id, theme_id, whole_network, action, due_by, status, public)
     select r.id, $1, $2, r.theme_id, r.whole_network, 'Run a drop-in at the library', date '2027-03-31', 'planned', true
       from jsonb_to_recordset($3::jsonb) as r (id uuid, theme_id uuid, whole_network boolean)`,
    [networkId, organisationId, JSON.stringify(responses)]
  );
  await db.query(
    `insert into response_wards (response_id, network_id, ward_code)
     select w.response_id, $1, w.ward_code from jsonb_to_recordset($2::jsonb) as w (response_id uuid, ward_code text)`,
    [networkId, JSON.stringify(wards)]
  );
}

async function measure(db: SqlDatabase, engine: string): Promise<BenchResult[]> {
  await migrate(db);
  const store = createSqlStore(db);
  const { network, organisations } = await seedNetwork(store, ENGLAND_NETWORK);
  const { wards, themes } = (await store.getReferenceData())!;
  const wardCodes = wards.map((w) => w.code);
  await insertConversations(db, network.id, CONVERSATIONS, { wardCodes, themeIds: themes.map((t) => t.id), eventIds: [] });
  await insertResponses(db, network.id, organisations.armley.id, themes.map((t) => t.id), wardCodes);
  await db.exec('vacuum analyze');

  const themeId = themes[0].id;
  const params = new URLSearchParams({ theme: themeId, raised: '0.25' });
  // Alternated run by run, so a busy moment of this shared machine falls on both alike.
  const plain: number[] = [];
  const unanswered: number[] = [];
  await store.wardMap(network.id, { themeId });
  const warm = await notYetAnswered(store, network.id, params);
  for (let i = 0; i < RUNS; i++) {
    let started = performance.now();
    await store.wardMap(network.id, { themeId });
    plain.push(performance.now() - started);
    started = performance.now();
    await notYetAnswered(store, network.id, params);
    unanswered.push(performance.now() - started);
  }
  // The map's view asks for the figures as the plain map does (cached by ETag), and for these.
  const answeredRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await store.responses.answeredWards(network.id, themeId);
    answeredRuns.push(performance.now() - started);
  }
  const ratio = median(unanswered) / median(plain);
  return [
    {
      name: `Not yet answered, England 6,826 wards, 100,000 conversations, 1,000 responses, ${engine}`,
      value: median(unanswered),
      unit: 'ms',
      goal: `≤ ${GOAL}× plain map`,
      met: ratio <= GOAL,
      peer: `plain map (${median(plain).toFixed(0)} ms)`,
      ratio
    },
    { name: `  … wards not yet answered on the theme (${engine})`, value: warm.rows.length, unit: 'wards' },
    { name: `  … the map view's wards answered on the theme, GET /api/map/answered (${engine})`, value: median(answeredRuns), unit: 'ms' }
  ];
}
