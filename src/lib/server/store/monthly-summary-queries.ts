import type { SqlClient, SqlDatabase } from './sql-database';

/** Whether the network mails its coordinators a monthly summary, and the last month it mailed. */
export async function monthlySummary(db: SqlClient, networkId: string): Promise<{ on: boolean; lastMailedFor: string | null }> {
  const [row] = await db.query<{ on: boolean; lastMailedFor: string | null }>(
    'select monthly_summary as "on", monthly_summary_mailed_for as "lastMailedFor" from networks where id = $1',
    [networkId]
  );
  return row ?? { on: false, lastMailedFor: null };
}

export async function setMonthlySummary(db: SqlClient, networkId: string, on: boolean): Promise<void> {
  await db.query('update networks set monthly_summary = $2 where id = $1', [networkId, on]);
}

/**
 * Takes the mailing of `month`'s summary for this process: true when the network wants it and
 * no process has mailed (or is mailing) that month. Under the network row's lock, so two server
 * processes never both mail it. `releaseMonthlySummary` gives it back when mailing failed.
 */
export async function claimMonthlySummary(db: SqlDatabase, networkId: string, month: string): Promise<{ claimed: true; before: string | null } | { claimed: false }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ on: boolean; before: string | null }>(
      'select monthly_summary as "on", monthly_summary_mailed_for as before from networks where id = $1 for update',
      [networkId]
    );
    if (!row?.on || (row.before !== null && row.before >= month)) return { claimed: false } as const;
    await tx.query('update networks set monthly_summary_mailed_for = $2 where id = $1', [networkId, month]);
    return { claimed: true, before: row.before } as const;
  });
}

/** Mailing `month` failed: the next run tries again (unless a later month was taken meanwhile). */
export async function releaseMonthlySummary(db: SqlClient, networkId: string, month: string, before: string | null): Promise<void> {
  await db.query('update networks set monthly_summary_mailed_for = $3 where id = $1 and monthly_summary_mailed_for = $2', [networkId, month, before]);
}
