import { countOf, formatCount } from '$lib/domain/english-text';
import type { Ward } from '$lib/domain/ward';
import { MOST_DEPRIVED_PERCENT } from '$lib/domain/ward-indicator';
import { isRaised } from '$lib/domain/not-yet-answered';
import { tooFewForShare, type MapMeasure, type WardFigures } from '$lib/domain/ward-map';

/**
 * Five steps of ColorBrewer "Blues" (the 4th to 8th of its 9; Cynthia Brewer, colorbrewer2.org,
 * Apache 2.0): sequential, safe for colour-blind readers and in greyscale, few (light) to many
 * (dark). The palette's two near-white steps are left out so the lowest class is plainly blue
 * beside the grey of "no conversations" (1.6:1, and a different hue); the near-black boundary
 * lines stand out from every class (11:1 down to 2.5:1 on the darkest) and every grey (over 14:1).
 */
export const BLUES_5 = ['#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c'] as const;

/** Required wherever ONS boundaries are drawn (Open Government Licence v3.0). */
export const BOUNDARY_ATTRIBUTION =
  'Source: Office for National Statistics licensed under the Open Government Licence v.3.0. ' +
  'Contains OS data © Crown copyright and database right 2025';

/** The lines between wards. */
export const BOUNDARY_COLOUR = '#0b0c0c';

/** Wards with no conversations: a plain light grey, quiet where most wards are, unlike any blue. */
export const NO_CONVERSATIONS_FILL = '#f3f2f1';
/**
 * Wards with conversations, but fewer than the minimum for a share: dotted, so "heard a little"
 * is neither a blue (a share) nor the plain grey (heard nothing). The pattern is drawn once by
 * MapPatterns.svelte, for the map and the legend.
 */
export const TOO_FEW_PATTERN_ID = 'ward-map-too-few';
export const TOO_FEW_FILL = `url(#${TOO_FEW_PATTERN_ID})`;
/** Wards the ward filter leaves out (not among the most deprived): a darker grey, unlike any class's blue. */
export const OUTSIDE_FILTER_FILL = '#b1b4b6';
/** Every ward before the figures arrive. */
export const LOADING_FILL = '#ffffff';

/** What `classOf` gives a ward that is in no colour class. */
export const NO_CONVERSATIONS_CLASS = -1;
export const TOO_FEW_CLASS = -2;

export interface ColourClass {
  fill: string;
  label: string;
}

export interface Choropleth {
  classes: ColourClass[];
  /**
   * The class of a ward: NO_CONVERSATIONS_CLASS when it had none; TOO_FEW_CLASS when coloured by
   * share and it had fewer conversations than the minimum for a share (its share is null).
   */
  classOf(ward: WardFigures): number;
  fillOf(ward: WardFigures): string;
  /** What the ward's sentence adds about its colour, where its figures alone do not say it. */
  noteOf?(ward: WardFigures): string;
}

/** A ward's fill from its class: a class's colour, or the grey or dots of no or too few conversations. */
function fillOfClass(classes: ColourClass[], classOf: (ward: WardFigures) => number) {
  return (ward: WardFigures) => {
    const band = classOf(ward);
    return band === NO_CONVERSATIONS_CLASS ? NO_CONVERSATIONS_FILL : band === TOO_FEW_CLASS ? TOO_FEW_FILL : classes[band].fill;
  };
}

/**
 * Share: five fixed bands of 20 percentage points, so colours mean the same on every view.
 * Count: five equal bands of whole numbers from 0 to the largest count on this view.
 */
export function choropleth(measure: Exclude<MapMeasure, 'unanswered'>, wards: readonly WardFigures[]): Choropleth {
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
  const classOf = (ward: WardFigures) => {
    if (ward.conversations === 0) return NO_CONVERSATIONS_CLASS;
    if (measure === 'share' && tooFewForShare(ward)) return TOO_FEW_CLASS;
    return bandOf(ward);
  };
  return {
    classes,
    classOf,
    fillOf: fillOfClass(classes, classOf)
  };
}

/**
 * "Raised but not yet answered" (issue 15): three classes, light to dark, so the wards waiting for
 * an answer are the darkest and stand out; wards with too few conversations or none look as they
 * do on the share view. `isAnswered` says whether a ward has a response on the theme.
 */
export function unansweredChoropleth(options: { raisedShare: number; minimum: number; isAnswered: (wardCode: string) => boolean }): Choropleth {
  const { raisedShare, minimum, isAnswered } = options;
  const classes: ColourClass[] = [
    { fill: BLUES_5[0], label: `Raised in under ${percent(raisedShare)} of conversations` },
    { fill: BLUES_5[2], label: `Raised in ${percent(raisedShare)} or more, and answered` },
    { fill: BLUES_5[4], label: `Raised in ${percent(raisedShare)} or more, not yet answered` }
  ];
  const classOf = (ward: WardFigures) => {
    if (ward.conversations === 0) return NO_CONVERSATIONS_CLASS;
    if (tooFewForShare(ward)) return TOO_FEW_CLASS;
    if (!isRaised(ward, minimum, raisedShare)) return 0;
    return isAnswered(ward.code) ? 1 : 2;
  };
  const notes = ['', 'an anchor has responded', 'not yet answered'];
  return {
    classes,
    classOf,
    fillOf: fillOfClass(classes, classOf),
    noteOf: (ward) => notes[classOf(ward)] ?? ''
  };
}

export const percent = (share: number) => `${Math.round(share * 100)}%`;

/** What a ward's share cell says when its share is not shown: too few conversations for one. */
export const fewerThanText = (minimum: number) => `fewer than ${countOf(minimum, 'conversation', 'conversations')}`;

/**
 * A ward's figures in one plain sentence: its tooltip, its panel, and its name for screen readers.
 * `minimum`: the network's minimum for a share, said instead of a share the ward has too few for.
 */
export function wardFiguresText(ward: WardFigures, themeName: string, minimum: number): string {
  const place = `${ward.name}, ${ward.localAuthorityName}`;
  if (ward.conversations === 0) return `${place}: no conversations`;
  const share = ward.share === null ? `${fewerThanText(minimum)}, too few for a share` : percent(ward.share);
  return `${place}: ${countOf(ward.conversations, 'conversation', 'conversations')}, ${formatCount(ward.withTheme)} about ${themeName} (${share})`;
}

/** How one ward looks: its fill, and its name and figures as one plain sentence. */
export interface WardAppearance {
  fill: string;
  text: string;
  /** The ward's name alone: its label on the map, where it fits. */
  name: string;
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
  /** The minimum of conversations for a share these figures were given with. */
  minimum: number;
}): (code: string) => WardAppearance {
  const { figures, scale, themeName, deprivedBy, minimum } = options;
  const figuresByCode = new Map(figures?.map((ward) => [ward.code, ward]));
  const wardsByCode = new Map(options.wards.map((ward) => [ward.code, ward]));
  return (code) => {
    const ward = figuresByCode.get(code);
    if (ward) {
      const note = scale.noteOf?.(ward);
      return { fill: scale.fillOf(ward), text: wardFiguresText(ward, themeName, minimum) + (note ? `; ${note}` : ''), name: ward.name };
    }
    const known = wardsByCode.get(code);
    const name = known?.name ?? code;
    const place = known ? `${known.name}, ${known.localAuthorityName}` : code;
    if (figures && deprivedBy) {
      return { fill: OUTSIDE_FILTER_FILL, text: `${place}: not among the most deprived ${MOST_DEPRIVED_PERCENT} % of wards by ${deprivedBy}`, name };
    }
    return { fill: LOADING_FILL, text: `${place}: no figures yet`, name };
  };
}
