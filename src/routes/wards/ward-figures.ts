/** How the ward pages write figures: en-GB digits, UK months, English ordinals. */

const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const monthYear = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const ordinalRule = new Intl.PluralRules('en-GB', { type: 'ordinal' });
const ORDINAL_SUFFIX: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };

/** 4592 as '4,592'; 7144.66 as '7,144.66'. */
export const formatNumber = (value: number) => number.format(value);

/** 3 of 7 as '43 %', spaced as the product writes 'the most deprived 20 %'. */
export const formatShare = (part: number, whole: number) => `${percent.format(whole === 0 ? 0 : (part / whole) * 100)} %`;

/** '2026-11' as 'November 2026'. */
export const formatMonth = (month: string) => monthYear.format(new Date(`${month}-01T00:00:00Z`));

/** 1 as '1st', 22 as '22nd'. */
export const ordinal = (n: number) => `${n}${ORDINAL_SUFFIX[ordinalRule.select(n)] ?? 'th'}`;

export const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;
