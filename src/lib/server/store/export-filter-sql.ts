import type { ExportFilters } from '$lib/domain/ward-map';
import { MOST_DEPRIVED_PERCENT } from '$lib/domain/ward-indicator';
import { mostDeprivedWardsSql } from './ward-indicator-queries';
import { conversationFilterConditions } from './ward-map-query';

/**
 * Which conversations an export holds (issue 14), written once for every export's rows and
 * figures: the network's live conversations matching the filters, as SQL conditions on `c`.
 */
export function filterSql(networkId: string, filters: ExportFilters) {
  const params: unknown[] = [networkId];
  const bind = (value: unknown) => `$${params.push(value)}`;
  const conditions = ['c.network_id = $1', 'c.deleted_at is null', ...conversationFilterConditions(filters, bind, 'c.')];
  if (filters.themeId) conditions.push(`${bind(filters.themeId)}::uuid = any (c.theme_ids)`);
  if (filters.wardCodes) conditions.push(`c.ward_code in (select jsonb_array_elements_text(${bind(JSON.stringify(filters.wardCodes))}::jsonb))`);
  if (filters.mostDeprivedBy) {
    conditions.push(`c.ward_code in (select ward_code from (${mostDeprivedWardsSql(bind(filters.mostDeprivedBy), bind(MOST_DEPRIVED_PERCENT))}) most)`);
  }
  return { params, bind, where: conditions.join(' and ') };
}
