import { countOf, formatCount } from '$lib/domain/english-text';
import type { Ward } from '$lib/domain/ward';
import { MOST_DEPRIVED_PERCENT } from '$lib/domain/ward-indicator';
import type { MapMeasure, WardFigures } from '$lib/domain/ward-map';

/**
 * ColorBrewer "Blues", 5 classes: sequential, safe for colour-blind readers and in greyscale,
 * light (few) to dark (many). Cynthia Brewer, colorbrewer2.org (Apache 2.0).
 */
export const BLUES_5 = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;

/** Wards with no conversations are hatched, not coloured: "none heard" is not "few". */
export const NO_CONVERSATIONS_PATTERN_ID = 'ward-map-no-conversations';
export const NO_CONVERSATIONS_FILL = `url(#${NO_CONVERSATIONS_PATTERN_ID})`;
/** Wards the ward filter leaves out (not among the most deprived): grey, unlike any class's blue. */
export const OUTSIDE_FILTER_FILL = '#b1b4b6';

export interface ColourClass {
  fill: string;
  label: string;
}

export interface Choropleth {
  classes: ColourClass[];
  /** The class of a ward, or -1 when it had no conversations. */
  classOf(ward: WardFigures): number;
  fillOf(ward: WardFigures): string;
}

/**
 * Share: five fixed bands of 20 percentage points, so colours mean the same on every view.
 * Count: five equal bands of whole numbers from 0 to the largest count on this view.
 */
export function choropleth(measure: MapMeasure, wards: readonly WardFigures[]): Choropleth {
  let classes: ColourClass[];
  let bandOf: (ward: WardFigures) => number;
  if (measure === 'share') {
    const labels = ['Under 20%', '20% to under 40%', '40% to under 60%', '60% to under 80%', '80% or more'];
    classes = labels.map((label, i) => ({ fill: BLUES_5[i], label }));
    // The tiny epsilon keeps exactly 0.2, 0.4… (stored to 4 places) in the band they start.
    bandOf = (ward) => Math.min(4, Math.floor((ward.share ?? 0) * 5 + 1e-9));
  } else {
    const largest = wards.reduce((max, ward) => Math.max(max, ward.withTheme), 0);
    const step = Math.max(1, Math.ceil((largest + 1) / 5));
    classes = BLUES_5.map((fill, i) => {
      const [low, high] = [i * step, (i + 1) * step - 1];
      return { fill, label: low === high ? String(low) : `${low} to ${high}` };
    });
    bandOf = (ward) => Math.min(4, Math.floor(ward.withTheme / step));
  }
  const classOf = (ward: WardFigures) => (ward.conversations === 0 ? -1 : bandOf(ward));
  return {
    classes,
    classOf,
    fillOf: (ward) => {
      const band = classOf(ward);
      return band === -1 ? NO_CONVERSATIONS_FILL : classes[band].fill;
    }
  };
}

export const percent = (share: number) => `${Math.round(share * 100)}%`;

/** A ward's figures in one plain sentence: its tooltip, and its name for screen readers. */
export function wardFiguresText(ward: WardFigures, themeName: string): string {
  const place = `${ward.name}, ${ward.localAuthorityName}`;
  if (ward.conversations === 0) return `${place}: no conversations`;
  return `${place}: ${countOf(ward.conversations, 'conversation', 'conversations')}, ${formatCount(ward.withTheme)} about ${themeName} (${percent(ward.share ?? 0)})`;
}

/** How one ward looks: its fill, and its name and figures as one plain sentence. */
export interface WardAppearance {
  fill: string;
  text: string;
}

/**
 * How each ward of the map looks. With figures, a ward among them is coloured by its class; one
 * the ward filter left out (`deprivedBy`: the indicator's name) is grey. Before figures arrive,
 * wards are white and say so.
 */
export function wardAppearances(options: {
  figures: readonly WardFigures[] | null;
  wards: readonly Ward[];
  scale: Choropleth;
  themeName: string;
  deprivedBy: string | null;
}): (code: string) => WardAppearance {
  const { figures, scale, themeName, deprivedBy } = options;
  const figuresByCode = new Map(figures?.map((ward) => [ward.code, ward]));
  const wardsByCode = new Map(options.wards.map((ward) => [ward.code, ward]));
  return (code) => {
    const ward = figuresByCode.get(code);
    if (ward) return { fill: scale.fillOf(ward), text: wardFiguresText(ward, themeName) };
    const known = wardsByCode.get(code);
    const name = known ? `${known.name}, ${known.localAuthorityName}` : code;
    if (figures && deprivedBy) {
      return { fill: OUTSIDE_FILTER_FILL, text: `${name}: not among the most deprived ${MOST_DEPRIVED_PERCENT} % of wards by ${deprivedBy}` };
    }
    return { fill: '#ffffff', text: `${name}: no figures yet` };
  };
}
