import { describe, expect, it } from 'vitest';
import { exportFiltersToSearchParams, MAX_FILTER_WARDS, parseExportFilters, type ExportFilters } from '../../../src/lib/domain/ward-map';

const THEME = '01900000-0000-7000-8000-000000000001';
const INDICATOR = '01900000-0000-7000-8000-000000000002';

describe('export filters in the URL (issue 14): the map’s, the theme optional, and wards', () => {
  it('read back what they wrote, in the map’s order then each ward', () => {
    const filters: ExportFilters = { themeId: THEME, from: '2026-01-01', to: '2026-03-31', eventId: 'none', organisationId: 'none', mostDeprivedBy: INDICATOR, wardCodes: ['E05011385', 'E05011397'] };
    const params = exportFiltersToSearchParams(filters);
    expect(params.toString()).toBe(`theme=${THEME}&from=2026-01-01&to=2026-03-31&event=none&organisation=none&deprived=${INDICATOR}&wards=E05011385&wards=E05011397`);
    expect(parseExportFilters(params)).toEqual({ ok: true, filters });
    expect(parseExportFilters(new URLSearchParams())).toEqual({ ok: true, filters: {} });
    expect(exportFiltersToSearchParams({}).toString()).toBe('');
  });

  it('take wards repeated or comma-separated, once each', () => {
    expect(parseExportFilters(new URLSearchParams('wards=E05011385,E05011397&wards=E05011385'))).toEqual({ ok: true, filters: { wardCodes: ['E05011385', 'E05011397'] } });
  });

  it('name the filter that cannot be used, in the page’s words', () => {
    const problem = (query: string) => {
      const parsed = parseExportFilters(new URLSearchParams(query));
      return parsed.ok ? null : parsed.message;
    };
    expect(problem('from=2026-02-30')).toMatch(/^From: Enter a real date/);
    expect(problem('from=2026-03-01&to=2026-02-01')).toBe('To: The start date must be the same as or before the end date');
    expect(problem('wards=E05011385,Armley')).toMatch(/^Wards: A ward code is an ONS GSS code/);
    expect(problem(`wards=${Array.from({ length: MAX_FILTER_WARDS + 1 }, (_, i) => `E05${String(i).padStart(6, '0')}`).join(',')}`)).toMatch(/^Wards: Choose at most 500 wards/);
    expect(problem('organisation=Armley')).toBe('Organisation: Choose one of the network’s organisations');
  });
});
