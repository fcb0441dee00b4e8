/**
 * What the ward-map benchmarks run on: a network of all 6,826 England wards and conversations
 * inserted in bulk by SQL.
 */
import type { SqlClient } from '../src/lib/server/store/sql-database';
import type { SeedOptions } from '../tests/support/seed-network';
import { WARD_FILES } from '../tests/support/shared-data';

/**
 * The England network for `seedNetwork`: all 6,826 wards of England, read from the shared
 * TopoJSON as a coordinator's import reads it, with the default themes.
 */
export const ENGLAND_NETWORK: SeedOptions = { wardsFile: WARD_FILES.england, name: 'England Anchor Network' };

/** Two answers of a typical length, so rows are as wide as real ones for the scan. */
const ANSWERS = JSON.stringify([
  { promptId: '00000000-0000-4000-8000-000000000001', prompt: 'What do you love about where you live?', text: 'The park by the canal and the library, and the people on our street who look out for each other.' },
  { promptId: '00000000-0000-4000-8000-000000000002', prompt: 'What would you change?', text: 'More buses in the evening, and jobs for young people that pay enough to stay here.' }
]);

/**
 * Inserts `count` conversations spread evenly (by a hash of their number) over the wards, over
 * 2026, 30 % of them carrying each theme and a fifth at one of the events: one INSERT … SELECT
 * from generate_series per `chunk` rows, as a bulk load would, not through the push endpoint.
 */
export async function insertConversations(
  db: SqlClient,
  networkId: string,
  count: number,
  refs: { wardCodes: string[]; themeIds: string[]; eventIds: string[] },
  chunk = 100_000
): Promise<void> {
  for (let start = 0; start < count; start += chunk) {
    // The lists travel as JSON (both drivers bind JSON text alike) and become arrays once, in `refs`.
    await db.query(
      `insert into conversations (id, network_id, ward_code, recorded_at, quotes, theme_ids, consent_to_record,
                                  device_id, event_id, answers)
       with refs as (
         select array(select jsonb_array_elements_text($2::jsonb)) as wards,
                array(select jsonb_array_elements_text($3::jsonb)::uuid) as themes,
                array(select jsonb_array_elements_text($4::jsonb)::uuid) as events
       )
       select gen_random_uuid(), $1, wards[1 + abs(hashint8(i)) % cardinality(wards)],
              timestamptz '2026-01-01 00:00Z' + (abs(hashint8(i + 7919)) % (365 * 86400)) * interval '1 second',
              '[]', array(select t.id from unnest(themes) with ordinality as t (id, k)
                           where abs(hashint8(i * 31 + k)) % 100 < 30),
              true, $1, case when abs(hashint8(i + 104729)) % 5 = 0
                             then events[1 + abs(hashint8(i + 3)) % nullif(cardinality(events), 0)] end,
              $5::jsonb
         from refs, generate_series($6::bigint, $7::bigint) as i`,
      [
        networkId,
        JSON.stringify(refs.wardCodes),
        JSON.stringify(refs.themeIds),
        JSON.stringify(refs.eventIds),
        ANSWERS,
        start,
        Math.min(count, start + chunk) - 1
      ]
    );
  }
}
