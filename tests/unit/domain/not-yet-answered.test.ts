import { describe, expect, it } from 'vitest';
import { notYetAnsweredWards, raisedShareFrom } from '../../../src/lib/domain/not-yet-answered';
import { mapViewFromSearchParams, mapViewToSearchParams, withMinimumForShare, shareOf, type WardFigures } from '../../../src/lib/domain/ward-map';
import { NO_CONVERSATIONS_CLASS, TOO_FEW_CLASS, unansweredChoropleth, wardAppearances } from '../../../src/lib/map/choropleth';

const WORK = '01900000-0000-7000-8000-000000000001';
const ward = (code: string, conversations: number, withTheme: number): WardFigures => ({
  code,
  name: code,
  localAuthorityName: 'Leeds',
  conversations,
  withTheme,
  share: shareOf(withTheme, conversations)
});
// A: 9 of 10; B: 3 of 10; C: 1 of 10; D: 4 of 4 (too few for a share); E: none.
const WARDS = withMinimumForShare([ward('A', 10, 9), ward('B', 10, 3), ward('C', 10, 1), ward('D', 4, 4), ward('E', 0, 0)], 5);
const nobody = { themeId: WORK, wholeNetwork: false, wardCodes: [] };

describe('raised but not yet answered', () => {
  it('lists the wards raised often with no response, most raised first; a whole-network response answers every ward', () => {
    expect(notYetAnsweredWards(WARDS, nobody, 5, 0.25).map((w) => w.code)).toEqual(['A', 'B']);
    expect(notYetAnsweredWards(WARDS, nobody, 5, 0.5).map((w) => w.code)).toEqual(['A']);
    expect(notYetAnsweredWards(WARDS, nobody, 5, 0.1).map((w) => w.code)).toEqual(['A', 'B', 'C']);
    expect(notYetAnsweredWards(WARDS, { ...nobody, wardCodes: ['A'] }, 5, 0.25).map((w) => w.code)).toEqual(['B']);
    expect(notYetAnsweredWards(WARDS, { ...nobody, wholeNetwork: true }, 5, 0.1)).toEqual([]);
  });

  it('colours raised wards answered or not, and says so in each ward’s sentence', () => {
    const scale = unansweredChoropleth({ raisedShare: 0.25, minimum: 5, isAnswered: (code) => code === 'B' });
    expect(WARDS.map((w) => scale.classOf(w))).toEqual([2, 1, 0, TOO_FEW_CLASS, NO_CONVERSATIONS_CLASS]);
    expect(scale.classes.map((c) => c.label)).toEqual(['Raised in under 25% of conversations', 'Raised in 25% or more, and answered', 'Raised in 25% or more, not yet answered']);
    const appearance = wardAppearances({ figures: WARDS, wards: [], scale, themeName: 'work', deprivedBy: null, minimum: 5 });
    expect(appearance('A').text).toBe('A, Leeds: 10 conversations, 9 about work (90%); not yet answered');
    expect(appearance('B').text).toBe('B, Leeds: 10 conversations, 3 about work (30%); an anchor has responded');
    expect(appearance('C').text).toBe('C, Leeds: 10 conversations, 1 about work (10%)');
  });

  it('keeps the view and its share in the map’s URL, and reads only the offered shares', () => {
    const view = { filters: { themeId: WORK, from: '2026-01-01' }, measure: 'unanswered' as const, raisedShare: 0.5 };
    const search = mapViewToSearchParams(view).toString();
    expect(search).toBe(`theme=${WORK}&from=2026-01-01&measure=unanswered&raised=0.5`);
    expect(mapViewFromSearchParams(new URLSearchParams(search), [WORK])).toEqual(view);
    expect(mapViewFromSearchParams(new URLSearchParams(`theme=${WORK}&measure=unanswered&raised=0.3`), [WORK])).toEqual({ ...view, filters: { themeId: WORK }, raisedShare: 0.25 });
    expect(mapViewToSearchParams({ ...view, raisedShare: 0.25 }).toString()).toBe(`theme=${WORK}&from=2026-01-01&measure=unanswered`);
    expect([raisedShareFrom('0.1'), raisedShareFrom(null), raisedShareFrom(''), raisedShareFrom('1')]).toEqual([0.1, 0.25, 0.25, 0.25]);
  });
});
