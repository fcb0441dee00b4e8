import { uuidv7 } from 'uuidv7';
import { DEFAULT_STAGES, type Assessment, type AssessmentFields, type Stage, type StageFields, type ThemeStageDescriptions } from '$lib/domain/progression';
import type { SqlClient, SqlDatabase } from './sql-database';

/**
 * The anchor progression framework (issue 15, point 4; migration 022). Every query takes the
 * network. Assessments are only ever added: history is what was said, when and by whom.
 */

export type ProgressionRefusal = 'unknown-organisation' | 'unknown-theme' | 'unknown-stage' | 'stage-in-use';
export type ProgressionWrite = { ok: true; id: string } | { ok: false; reason: ProgressionRefusal };

export interface Assessor {
  id: string;
  name: string;
}

const STAGES = `select position, name, description from progression_stages where network_id = $1 order by position`;

/**
 * The network's stages, first to last. A network set up after migration 022 gets the default
 * four on first reading (idempotent: two first readings at once insert them once).
 */
export async function stages(db: SqlClient, networkId: string): Promise<Stage[]> {
  const rows = await db.query<Stage>(STAGES, [networkId]);
  if (rows.length > 0) return rows;
  await db.query(
    `insert into progression_stages (network_id, position, name, description)
     select $1, s.position, s.name, s.description
       from unnest($2::int[], $3::text[], $4::text[]) as s (position, name, description)
      where exists (select 1 from networks where id = $1)
     on conflict do nothing`,
    [networkId, DEFAULT_STAGES.map((_, i) => i + 1), DEFAULT_STAGES.map((s) => s.name), DEFAULT_STAGES.map((s) => s.description)]
  );
  return db.query<Stage>(STAGES, [networkId]);
}

/**
 * Makes these the network's stages, first to last, all or nothing: stages keep their position,
 * so renaming keeps their assessments; a removed stage (past the new last) must have none.
 */
export async function saveStages(db: SqlDatabase, networkId: string, fields: readonly StageFields[]): Promise<{ ok: true } | { ok: false; reason: 'stage-in-use'; stage: string }> {
  return db.transaction(async (tx) => {
    await stages(tx, networkId);
    const [inUse] = await tx.query<{ name: string }>(
      `select s.name from progression_stages s
        where s.network_id = $1 and s.position > $2
          and exists (select 1 from progression_assessments a where a.network_id = s.network_id and a.position = s.position)
        order by s.position limit 1`,
      [networkId, fields.length]
    );
    if (inUse) return { ok: false, reason: 'stage-in-use', stage: inUse.name };
    await tx.query('delete from progression_stages where network_id = $1 and position > $2', [networkId, fields.length]);
    await tx.query(
      `insert into progression_stages (network_id, position, name, description)
       select $1, s.position, s.name, s.description from unnest($2::int[], $3::text[], $4::text[]) as s (position, name, description)
       on conflict (network_id, position) do update set name = excluded.name, description = excluded.description`,
      [networkId, fields.map((_, i) => i + 1), fields.map((s) => s.name), fields.map((s) => s.description)]
    );
    return { ok: true };
  });
}

/** What each stage means for each theme: theme id → texts by stage position (only those written). */
export async function themeStageDescriptions(db: SqlClient, networkId: string): Promise<Record<string, Record<number, string>>> {
  const rows = await db.query<{ themeId: string; position: number; description: string }>(
    `select theme_id as "themeId", position, description from progression_theme_stages where network_id = $1`,
    [networkId]
  );
  const byTheme: Record<string, Record<number, string>> = {};
  for (const row of rows) (byTheme[row.themeId] ??= {})[row.position] = row.description;
  return byTheme;
}

/** Replaces what the stages mean for one theme; an empty text removes it. Refused when the theme or a stage is not the network's. */
export async function saveThemeStageDescriptions(db: SqlDatabase, networkId: string, fields: ThemeStageDescriptions): Promise<{ ok: true } | { ok: false; reason: 'unknown-theme' | 'unknown-stage' }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ theme: boolean; stages: number }>(
      `select exists (select 1 from themes where network_id = $1 and id = $2) as theme,
              (select count(*)::int from progression_stages where network_id = $1 and position = any ($3::int[])) as stages`,
      [networkId, fields.themeId, fields.descriptions.map((d) => d.position)]
    );
    if (!row.theme) return { ok: false, reason: 'unknown-theme' };
    if (row.stages !== new Set(fields.descriptions.map((d) => d.position)).size) return { ok: false, reason: 'unknown-stage' };
    await tx.query('delete from progression_theme_stages where network_id = $1 and theme_id = $2', [networkId, fields.themeId]);
    const written = fields.descriptions.filter((d) => d.text !== '');
    if (written.length > 0) {
      await tx.query(
        `insert into progression_theme_stages (network_id, theme_id, position, description)
         select $1, $2, * from unnest($3::int[], $4::text[])`,
        [networkId, fields.themeId, written.map((d) => d.position), written.map((d) => d.text)]
      );
    }
    return { ok: true };
  });
}

/** Adds a self-assessment; refused (nothing written) when it names what is not the network's. */
export async function addAssessment(db: SqlDatabase, networkId: string, fields: AssessmentFields, by: Assessor): Promise<ProgressionWrite> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ organisation: boolean; theme: boolean; stage: boolean }>(
      `select exists (select 1 from organisations where network_id = $1 and id = $2 and not archived) as organisation,
              exists (select 1 from themes where network_id = $1 and id = $3) as theme,
              exists (select 1 from progression_stages where network_id = $1 and position = $4) as stage`,
      [networkId, fields.organisationId, fields.themeId, fields.stage]
    );
    if (!row.organisation) return { ok: false, reason: 'unknown-organisation' };
    if (!row.theme) return { ok: false, reason: 'unknown-theme' };
    if (!row.stage) return { ok: false, reason: 'unknown-stage' };
    const id = uuidv7();
    await tx.query(
      `insert into progression_assessments (id, network_id, organisation_id, theme_id, position, evidence, assessed_on, assessed_by, assessed_by_name)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, networkId, fields.organisationId, fields.themeId, fields.stage, fields.evidence, fields.assessedOn, by.id, by.name]
    );
    return { ok: true, id };
  });
}

/**
 * Assessments with names, newest first (by date assessed, then entered), each marked current
 * when it is its organisation's latest for its theme. `organisationId` narrows to one
 * organisation; `currentOnly` to the current ones. Archived organisations' are left out.
 */
export async function assessments(
  db: SqlClient,
  networkId: string,
  options: { organisationId?: string; currentOnly?: boolean } = {}
): Promise<Assessment[]> {
  return db.query<Assessment>(
    `select id, "organisationId", "organisationName", "themeId", "themeName", stage, "stageName", evidence, "assessedOn",
            "assessedByName", "createdAt", current
       from (
       select a.id, a.organisation_id as "organisationId", o.name as "organisationName", a.theme_id as "themeId", t.name as "themeName",
              a.position as stage, s.name as "stageName", a.evidence, to_char(a.assessed_on, 'YYYY-MM-DD') as "assessedOn",
              a.assessed_by_name as "assessedByName",
              to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt",
              row_number() over (partition by a.organisation_id, a.theme_id order by a.assessed_on desc, a.created_at desc, a.id desc) = 1 as current,
              t.position as theme_position, a.assessed_on, a.created_at
         from progression_assessments a
         join organisations o on o.id = a.organisation_id and not o.archived
         join themes t on t.id = a.theme_id
         join progression_stages s on s.network_id = a.network_id and s.position = a.position
        where a.network_id = $1 and ($2::uuid is null or a.organisation_id = $2)
     ) ranked
     where not $3::boolean or current
     order by "organisationName", theme_position, assessed_on desc, created_at desc, id desc`,
    [networkId, options.organisationId ?? null, options.currentOnly ?? false]
  );
}

/** How many of the network's organisations (not archived) may be assessed. */
export async function organisationCount(db: SqlClient, networkId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from organisations where network_id = $1 and not archived', [networkId]);
  return row.n;
}
