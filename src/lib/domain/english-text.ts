/**
 * Names in the order and numbers in the form an English reader expects. One collator and one
 * number format, made once (on first use): `localeCompare(…, 'en-GB')` and
 * `toLocaleString('en-GB')` build one per call, which across England's 6,826 wards costs about
 * half a second.
 */
import { madeOnFirstUse } from './made-on-first-use';

const collator = madeOnFirstUse(() => new Intl.Collator('en-GB'));
export const compareText = (a: string, b: string): number => collator().compare(a, b);

const wholeNumber = madeOnFirstUse(() => new Intl.NumberFormat('en-GB'));
/** 6826 as "6,826". */
export const formatCount = (n: number): string => wholeNumber().format(n);

/** "1 ward", "6,826 wards". */
export const countOf = (n: number, one: string, many: string): string => `${formatCount(n)} ${n === 1 ? one : many}`;

const oneDecimal = madeOnFirstUse(() => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }));
/** A file's size as people read it: "830 KB", "12.4 MB". */
export const fileSize = (bytes: number): string =>
  bytes < 1024 * 1024 ? `${formatCount(Math.ceil(bytes / 1024))} KB` : `${oneDecimal().format(bytes / 1024 / 1024)} MB`;
