import type { AuditEntry, AuditFilters, AuditRecord } from '$lib/domain/audit';
import type { SqlClient } from './sql-database';

export async function record(db: SqlClient, networkId: string, entry: AuditEntry): Promise<void> {
  await db.query(
    `insert into audit_log (network_id, actor_kind, actor_id, actor_name, action, subject, details)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
    [networkId, entry.actor.kind, entry.actor.id, entry.actor.name, entry.action, entry.subject ?? '', JSON.stringify(entry.details ?? {})]
  );
}

/**
 * The log newest first, filtered, a page at a time: `before` is the id of the last entry of the
 * previous page. Dates are UK days.
 */
export async function list(
  db: SqlClient,
  networkId: string,
  filters: AuditFilters,
  page: { before: string | null; limit: number }
): Promise<AuditRecord[]> {
  const rows = await db.query<{ id: string; at: string; kind: AuditRecord['actor']['kind']; actorId: string | null; actorName: string; action: AuditRecord['action']; subject: string; details: AuditRecord['details'] }>(
    `select id::text as id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at,
            actor_kind as kind, actor_id::text as "actorId", actor_name as "actorName", action, subject, details
       from audit_log
      where network_id = $1
        and ($2::text is null or action = $2)
        and ($3::text is null or strpos(lower(actor_name), lower($3)) > 0 or strpos(lower(subject), lower($3)) > 0)
        and ($4::date is null or at >= ($4::date::timestamp at time zone 'Europe/London'))
        and ($5::date is null or at < (($5::date + 1)::timestamp at time zone 'Europe/London'))
        and ($6::bigint is null or id < $6::bigint)
      order by audit_log.id desc limit $7`, // the table's bigint id: by the text `id` selected, '9' would come before '60'
    [networkId, filters.action ?? null, filters.who ?? null, filters.from ?? null, filters.to ?? null, page.before, page.limit]
  );
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: { kind: row.kind, id: row.actorId, name: row.actorName },
    action: row.action,
    subject: row.subject,
    details: row.details
  }));
}
