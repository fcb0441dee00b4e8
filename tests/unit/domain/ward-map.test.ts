import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  mapFiltersKey,
  mapViewFromSearchParams,
  mapViewToSearchParams,
  parseMapFilters,
  type MapFilters,
  type MapView,
  tooFewForShare,
  withMinimumForShare,
  type WardFigures
} from '../../../src/lib/domain/ward-map';
import {
  BLUES_5,
  choropleth,
  NO_CONVERSATIONS_CLASS,
  NO_CONVERSATIONS_FILL,
  OUTSIDE_FILTER_FILL,
  TOO_FEW_CLASS,
  TOO_FEW_FILL,
  wardAppearances,
  wardFiguresText
} from '../../../src/lib/map/choropleth';

const WORK = '0190aaaa-0000-7000-8000-000000000001';
const HEALTH = '0190aaaa-0000-7000-8000-000000000002';
const EVENT = '0190bbbb-0000-7000-8000-000000000001';
const INDICATOR = '0190cccc-0000-7000-8000-000000000001';
const THEMES = [WORK, HEALTH];
const params = (text: string) => new URLSearchParams(text);

describe('map filters and the URL', () => {
  it('writes a view to the URL and reads back the same view', () => {
    const view: MapView = {
      filters: { themeId: HEALTH, from: '2026-01-01', to: '2026-03-31', eventId: EVENT, mostDeprivedBy: INDICATOR },
      measure: 'count'
    };
    const search = mapViewToSearchParams(view).toString();
    expect(search).toBe(`theme=${HEALTH}&from=2026-01-01&to=2026-03-31&event=${EVENT}&deprived=${INDICATOR}&measure=count`);
    expect(mapViewFromSearchParams(params(search), THEMES)).toEqual(view);
  });

  it('round-trips any valid view (property)', () => {
    const date = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const view = fc.record({
      filters: fc.record(
        {
          themeId: fc.constantFrom(...THEMES),
          from: date,
          to: date,
          eventId: fc.constantFrom(EVENT, 'none'),
          mostDeprivedBy: fc.constant(INDICATOR)
        },
        { requiredKeys: ['themeId'] }
      ),
      measure: fc.constantFrom('share' as const, 'count' as const)
    }).filter((v) => !v.filters.from || !v.filters.to || v.filters.from <= v.filters.to);
    fc.assert(
      fc.property(view, (v) => {
        expect(mapViewFromSearchParams(mapViewToSearchParams(v as MapView), THEMES)).toEqual(v);
      })
    );
  });

  it('gives equal filters the same cache key whatever order they were set in', () => {
    const a: MapFilters = { themeId: WORK, eventId: EVENT, from: '2026-01-01' };
    const b: MapFilters = { from: '2026-01-01', eventId: EVENT, themeId: WORK };
    expect(mapFiltersKey(a)).toBe(mapFiltersKey(b));
    expect(mapFiltersKey(a)).not.toBe(mapFiltersKey({ ...a, eventId: 'none' }));
  });

  it('opens a shared link even when it was edited badly: bad values dropped, a missing or unknown theme becomes the first', () => {
    expect(mapViewFromSearchParams(params(''), THEMES)).toEqual({ filters: { themeId: WORK }, measure: 'share' });
    expect(mapViewFromSearchParams(params('theme=nope&from=2026-02-30&to=2026-03-01&event=x&deprived=0&measure=pie'), THEMES)).toEqual({
      filters: { themeId: WORK, to: '2026-03-01' },
      measure: 'share'
    });
    expect(mapViewFromSearchParams(params('from=2026-05-01&to=2026-04-01'), THEMES)?.filters).toEqual({ themeId: WORK, from: '2026-05-01' });
    expect(mapViewFromSearchParams(params(''), [])).toBeNull();
  });

  it('reads the API query strictly, saying what is wrong', () => {
    expect(parseMapFilters(params(`theme=${WORK}&event=none`))).toEqual({ ok: true, filters: { themeId: WORK, eventId: 'none' } });
    expect(parseMapFilters(params('from=2026-01-01'))).toEqual({ ok: false, message: expect.stringContaining('Say which theme') });
    expect(parseMapFilters(params(`theme=${WORK}&from=2026-13-01`))).toEqual({ ok: false, message: expect.stringContaining('from: Enter a real date') });
    expect(parseMapFilters(params(`theme=${WORK}&from=2026-02-01&to=2026-01-01`))).toEqual({
      ok: false,
      message: 'to: The start date must be the same as or before the end date'
    });
    expect(parseMapFilters(params(`theme=${WORK}&deprived=0`)).ok).toBe(false);
    expect(parseMapFilters(params('theme=1;drop table wards')).ok).toBe(false);
  });
});

const ward = (conversations: number, withTheme: number, name = 'Armley'): WardFigures => ({
  code: 'E05011385',
  name,
  localAuthorityName: 'Leeds',
  conversations,
  withTheme,
  share: conversations === 0 ? null : Math.round((withTheme / conversations) * 10_000) / 10_000
});

describe('the minimum of conversations for a share', () => {
  const wards = [ward(0, 0, 'Kirkstall'), ward(1, 1, 'Roundhay'), ward(4, 2, 'Armley'), ward(5, 1, 'Headingley'), ward(40, 10, 'Gipton')];

  it('takes the share from every ward with fewer conversations than the minimum, and keeps the counts', () => {
    const shown = withMinimumForShare(wards, 5);
    expect(shown.map((w) => [w.name, w.conversations, w.withTheme, w.share])).toEqual([
      ['Kirkstall', 0, 0, null],
      ['Roundhay', 1, 1, null],
      ['Armley', 4, 2, null],
      ['Headingley', 5, 1, 0.2], // exactly the minimum: shown
      ['Gipton', 40, 10, 0.25]
    ]);
    expect(shown.map(tooFewForShare)).toEqual([false, true, true, false, false]);
  });

  it('shows every share with a minimum of 1, and never changes the wards it was given', () => {
    expect(withMinimumForShare(wards, 1)).toEqual(wards);
    withMinimumForShare(wards, 100);
    expect(wards[2].share).toBe(0.5);
  });

  it('holds for any figures: a share is shown exactly when the ward has at least the minimum (property)', () => {
    const figures = fc.array(
      fc.nat({ max: 200 }).chain((conversations) => fc.nat({ max: conversations }).map((withTheme) => ward(conversations, withTheme))),
      { maxLength: 40 }
    );
    fc.assert(
      fc.property(figures, fc.integer({ min: 1, max: 100 }), (given, minimum) => {
        const shown = withMinimumForShare(given, minimum);
        shown.forEach((w, i) => {
          expect(w.share !== null).toBe(given[i].conversations >= minimum && given[i].conversations > 0);
          expect(tooFewForShare(w)).toBe(given[i].conversations > 0 && given[i].conversations < minimum);
          expect([w.conversations, w.withTheme]).toEqual([given[i].conversations, given[i].withTheme]);
        });
      })
    );
  });
});

describe('choropleth classes', () => {
  it('colours by share in five fixed bands of 20 points, wards nobody was heard in plain grey', () => {
    const scale = choropleth('share', []);
    expect(scale.classes.map((c) => c.fill)).toEqual([...BLUES_5]);
    expect(scale.classes.map((c) => c.label)).toEqual(['Under 20%', '20% to under 40%', '40% to under 60%', '60% to under 80%', '80% or more']);
    expect([ward(10, 0), ward(10, 1), ward(5, 1), ward(3, 1), ward(5, 2), ward(5, 3), ward(5, 4), ward(1, 1)].map(scale.classOf)).toEqual([
      0, 0, 1, 1, 2, 3, 4, 4
    ]);
    expect(scale.classOf(ward(0, 0))).toBe(NO_CONVERSATIONS_CLASS);
    expect(scale.fillOf(ward(0, 0))).toBe(NO_CONVERSATIONS_FILL);
    expect(NO_CONVERSATIONS_FILL).toMatch(/^#[0-9a-f]{6}$/); // a plain colour, not a pattern
    expect(scale.fillOf(ward(2, 2))).toBe(BLUES_5[4]);
  });

  it('dots a ward with too few conversations for a share when colouring by share, and colours it by count otherwise', () => {
    const [tooFew] = withMinimumForShare([ward(3, 2)], 5);
    expect(choropleth('share', [tooFew]).classOf(tooFew)).toBe(TOO_FEW_CLASS);
    expect(choropleth('share', [tooFew]).fillOf(tooFew)).toBe(TOO_FEW_FILL);
    expect(choropleth('count', [tooFew]).fillOf(tooFew)).toBe(BLUES_5[2]); // 2, in bands 0, 1, 2, 3, 4
  });

  it('makes the lowest class plainly blue, unlike the grey of no conversations', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a: string, b: string) => {
      const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (high + 0.05) / (low + 0.05);
    };
    expect(contrast(BLUES_5[0], NO_CONVERSATIONS_FILL)).toBeGreaterThan(1.5);
    expect(luminance(BLUES_5[0])).toBeLessThan(0.6); // not near-white
    for (let i = 1; i < BLUES_5.length; i++) expect(luminance(BLUES_5[i])).toBeLessThan(luminance(BLUES_5[i - 1])); // light to dark
  });

  it('colours by count in five equal whole-number bands up to the largest count on the view', () => {
    const wards = [ward(30, 14), ward(5, 0), ward(8, 7)];
    const scale = choropleth('count', wards);
    expect(scale.classes.map((c) => c.label)).toEqual(['0 to 2', '3 to 5', '6 to 8', '9 to 11', '12 to 14']);
    expect(wards.map(scale.classOf)).toEqual([4, 0, 2]);
    expect(choropleth('count', [ward(3, 1)]).classes.map((c) => c.label)).toEqual(['0', '1', '2', '3', '4']);
    expect(choropleth('count', [ward(0, 0)]).classOf(ward(0, 0))).toBe(-1);
  });

  it('says a ward’s figures in one plain sentence, and “fewer than” the minimum instead of a share it has too few for', () => {
    expect(wardFiguresText(ward(12, 5), 'Widening Access to Quality Work', 5)).toBe(
      'Armley, Leeds: 12 conversations, 5 about Widening Access to Quality Work (42%)'
    );
    expect(wardFiguresText(ward(1, 1), 'Health', 1)).toBe('Armley, Leeds: 1 conversation, 1 about Health (100%)');
    expect(wardFiguresText(withMinimumForShare([ward(2, 1)], 5)[0], 'Health', 5)).toBe(
      'Armley, Leeds: 2 conversations, 1 about Health (fewer than 5 conversations, too few for a share)'
    );
    expect(wardFiguresText(ward(0, 0), 'Health', 5)).toBe('Armley, Leeds: no conversations');
  });
});

describe('how each ward looks on the map', () => {
  const figures: WardFigures[] = [
    { code: 'E05011385', name: 'Armley', localAuthorityName: 'Leeds', conversations: 4, withTheme: 4, share: 1 },
    { code: 'E05011397', name: 'Headingley & Hyde Park', localAuthorityName: 'Leeds', conversations: 0, withTheme: 0, share: null },
    { code: 'E05011402', name: 'Kirkstall', localAuthorityName: 'Leeds', conversations: 2, withTheme: 1, share: null }
  ];
  const wards = [...figures, { code: 'E05011411', name: 'Roundhay', localAuthorityName: 'Leeds' }].map((w) => ({
    code: w.code,
    name: w.name,
    localAuthorityCode: 'E08000035',
    localAuthorityName: w.localAuthorityName
  }));
  const scale = choropleth('share', figures);

  it('colours wards with figures by class, greys wards with none, dots wards with too few, and names each in a sentence', () => {
    const look = wardAppearances({ figures, wards, scale, themeName: 'Work', deprivedBy: null, minimum: 3 });
    expect(look('E05011385')).toEqual({ fill: BLUES_5[4], text: 'Armley, Leeds: 4 conversations, 4 about Work (100%)', name: 'Armley' });
    expect(look('E05011397')).toEqual({ fill: NO_CONVERSATIONS_FILL, text: 'Headingley & Hyde Park, Leeds: no conversations', name: 'Headingley & Hyde Park' });
    expect(look('E05011402')).toEqual({
      fill: TOO_FEW_FILL,
      text: 'Kirkstall, Leeds: 2 conversations, 1 about Work (fewer than 3 conversations, too few for a share)',
      name: 'Kirkstall'
    });
  });

  it('greys a ward the most-deprived filter leaves out, saying why', () => {
    const look = wardAppearances({ figures, wards, scale, themeName: 'Work', deprivedBy: 'IMD rank', minimum: 5 });
    expect(look('E05011411')).toEqual({ fill: OUTSIDE_FILTER_FILL, text: 'Roundhay, Leeds: not among the most deprived 20 % of wards by IMD rank', name: 'Roundhay' });
  });

  it('leaves every ward white until the figures arrive', () => {
    const look = wardAppearances({ figures: null, wards, scale, themeName: 'Work', deprivedBy: 'IMD rank', minimum: 5 });
    expect(look('E05011411')).toEqual({ fill: '#ffffff', text: 'Roundhay, Leeds: no figures yet', name: 'Roundhay' });
    expect(look('E09999999')).toEqual({ fill: '#ffffff', text: 'E09999999: no figures yet', name: 'E09999999' });
  });
});
