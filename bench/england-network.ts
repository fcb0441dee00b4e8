/**
 * What the ward-map benchmarks run on: a network of all 6,826 England wards, read from the shared
 * ONS TopoJSON as a coordinator's import would, and conversations inserted in bulk by SQL.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { NetworkSetup } from '../src/lib/domain/network-setup';
import { DEFAULT_THEME_NAMES } from '../src/lib/domain/theme';
import type { SqlClient } from '../src/lib/server/store/sql-database';
import { WARD_FILES } from '../tests/support/shared-data';

const ENGLAND_FILE = resolve(WARD_FILES.leeds, '..', 'england-wards.topojson');

interface WardProperties {
  WD25CD: string;
  WD25NM: string;
  LAD25CD: string;
  LAD25NM: string;
}

export function englandNetworkSetup(): NetworkSetup {
  const topology = JSON.parse(readFileSync(ENGLAND_FILE, 'utf8')) as Topology<{ wards: GeometryCollection<WardProperties> }>;
  const wards = feature(topology, topology.objects.wards).features.map((ward) => ({
    code: ward.properties.WD25CD,
    name: ward.properties.WD25NM,
    localAuthorityCode: ward.properties.LAD25CD,
    localAuthorityName: ward.properties.LAD25NM,
    boundary: ward.geometry as Polygon | MultiPolygon
  }));
  return NetworkSetup.parse({ name: 'England Anchor Network', themeNames: [...DEFAULT_THEME_NAMES], wards });
}

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
                             then events[1 + abs(hashint8(i + 3)) % cardinality(events)] end,
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
