import { parseMapFilters } from '$lib/domain/ward-map';
import type { ReportFilters } from '$lib/domain/ward-report';

/**
 * A report's filters from its URL: the map's (`parseMapFilters`, the same names, values and
 * messages), without the theme, since a report shows every theme. `anyThemeId` stands in for the
 * theme the map's schema asks for.
 */
export function parseReportFilters(params: URLSearchParams, anyThemeId: string): { ok: true; filters: ReportFilters } | { ok: false; message: string } {
  const withTheme = new URLSearchParams(params);
  withTheme.set('theme', anyThemeId);
  const parsed = parseMapFilters(withTheme);
  if (!parsed.ok) return parsed;
  const { themeId: _theme, ...filters } = parsed.filters;
  return { ok: true, filters };
}
