import type { Ward } from '$lib/domain/ward';
import type { WardPageData } from '$lib/domain/ward-page';
import { conversationFiguresSql } from './conversation-figures-sql';
import type { SqlClient } from './sql-database';

/**
 * One query for the ward page: the ward, its conversations per theme and per UK month, and the
 * newest quotes whose residents agreed to be quoted (`conversationFiguresSql`).
 */
export async function wardPage(db: SqlClient, networkId: string, code: string, quoteLimit: number): Promise<WardPageData | null> {
  const { ctes, columns } = conversationFiguresSql({
    where: 'network_id = $1 and ward_code = $2 and deleted_at is null',
    network: '$1',
    quoteLimit: '$3',
    chosenQuotesFirst: false,
    quoteKeys: true
  });
  const [row] = await db.query<Omit<WardPageData, 'ward'> & Ward>(
    `with ${ctes}
     select w.code, w.name, w.local_authority_code as "localAuthorityCode",
            w.local_authority_name as "localAuthorityName", ${columns}
       from wards w
      where w.network_id = $1 and w.code = $2`,
    [networkId, code, quoteLimit]
  );
  if (!row) return null;
  const { code: wardCode, name, localAuthorityCode, localAuthorityName, ...rest } = row;
  return { ward: { code: wardCode, name, localAuthorityCode, localAuthorityName }, ...rest };
}
