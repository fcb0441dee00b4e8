import type { AnswerCount, AnswerGroup, Breakdown, EqualityAnswerCounts, EqualityScope } from '$lib/domain/equality-totals';
import type { SqlDatabase } from './sql-database';

/** Each breakdown's group of a conversation (`c`), and the group's name. */
const GROUPS: Record<Breakdown, { from: string; key: string; name: string }> = {
  none: { from: '', key: `'all'`, name: `'All conversations'` },
  ward: {
    from: 'left join wards w on w.network_id = c.network_id and w.code = c.ward_code',
    key: 'c.ward_code',
    name: 'coalesce(w.name, c.ward_code)'
  },
  event: {
    from: 'left join listening_events e on e.network_id = c.network_id and e.id = c.event_id',
    key: `coalesce(c.event_id::text, '')`,
    name: `coalesce(e.name || ' (' || to_char(e.date, 'FMDD Mon YYYY') || ')', 'Not at a listening event')`
  },
  // A conversation is in the group of each theme it carries.
  theme: { from: 'cross join unnest(c.theme_ids) as t(theme_id) join themes th on th.id = t.theme_id', key: 't.theme_id::text', name: 'th.name' }
};

/**
 * Equality answers counted in the database (issue 13): for the live conversations of the scope,
 * how many gave each answer to each question, per group of the breakdown, and how many
 * conversations each group has. Only counts leave the database; `equalityTotals` then hides the
 * small ones. Values are bound parameters; the breakdown picks one of the fixed SQL pieces above.
 */
export async function equalityAnswerCounts(db: SqlDatabase, networkId: string, scope: EqualityScope, breakdown: Breakdown): Promise<EqualityAnswerCounts> {
  const params: unknown[] = [networkId];
  const conditions = ['c.network_id = $1', 'c.deleted_at is null'];
  if (scope.kind === 'ward') conditions.push(`c.ward_code = $${params.push(scope.code)}`);
  if (scope.kind === 'event') conditions.push(`c.event_id = $${params.push(scope.id)}::uuid`);
  const group = GROUPS[breakdown];
  const scoped = `
    with scoped as (
      select c.equality, ${group.key} as group_key, ${group.name} as group_name
        from conversations c ${group.from}
       where ${conditions.join(' and ')}
    )`;
  return db.transaction(async (tx) => {
    const groups = await tx.query<AnswerGroup>(
      `${scoped} select group_key as key, min(group_name) as name, count(*)::int as conversations from scoped group by group_key order by min(group_name), group_key`,
      params
    );
    const counts = await tx.query<AnswerCount>(
      `${scoped}
       select a.key as question, a.value as answer, s.group_key as "group", count(*)::int as count
         from scoped s cross join jsonb_each_text(s.equality) as a(key, value)
        group by a.key, a.value, s.group_key`,
      params
    );
    // Without a breakdown there is always the one group, even with no conversations yet.
    if (breakdown === 'none' && groups.length === 0) groups.push({ key: 'all', name: 'All conversations', conversations: 0 });
    return { groups, counts };
  });
}
