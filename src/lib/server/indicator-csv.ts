import Papa from 'papaparse';
import { WardCode } from '$lib/domain/ward';

/**
 * Reads and checks a CSV of ward code → number for a network, before anything is stored.
 * Rows are numbered as a spreadsheet shows them: the header is row 1, the first ward row 2.
 */

/** A problem with one row of the file. */
export interface RowProblem {
  row: number;
  message: string;
}

export interface IndicatorCsv {
  headers: string[];
  /** Data rows after the header, each with its spreadsheet row number. */
  rows: { row: number; cells: string[] }[];
}

/** What checking the rows found: the values to store, or the problems to fix first. */
export interface IndicatorRowsReport {
  /** One value per ward of the network the file gives a number for. */
  values: { code: string; value: number }[];
  /** Every problem, in row order. The file is stored only when there are none. */
  problems: RowProblem[];
  /** Rows for the network's wards with no value, skipped. */
  blankValues: number;
  /** Rows for wards that are not the network's (an England file for a Leeds network), ignored. */
  outsideNetwork: number;
}

/** The most rows a file may have: every ward of the UK is about 9,000. */
export const MAX_ROWS = 50_000;

/** Cells meaning "no figure": empty, or the markers ONS and spreadsheets use for missing data. */
const MISSING = new Set(['', '..', ':', 'x', 'na', 'n/a', '#n/a']);
const PLAIN_NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const GROUPED_NUMBER = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;

export class CsvFileError extends Error {}

/** Splits the file into its header and rows. Throws CsvFileError when it is not a usable CSV. */
export function readIndicatorCsv(text: string): IndicatorCsv {
  if (text.includes('\u0000')) throw new CsvFileError('The file is not a CSV file: save it from your spreadsheet as CSV and upload that');
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const quoteError = parsed.errors.find((error) => error.type === 'Quotes');
  if (quoteError) {
    throw new CsvFileError(`Row ${(quoteError.row ?? 0) + 1} has a quotation mark that is not closed: check the file is a CSV file`);
  }
  const [header, ...records] = parsed.data;
  const headers = (header ?? []).map((h) => h.trim());
  if (headers.every((h) => h === '')) throw new CsvFileError('The file is empty: it needs a header row, then a row per ward');
  const repeated = headers.find((h, i) => h !== '' && headers.indexOf(h) !== i);
  if (repeated) throw new CsvFileError(`The header row names the column “${repeated}” twice: give each column its own name`);
  const rows = records
    .map((cells, i) => ({ row: i + 2, cells }))
    .filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));
  if (rows.length === 0) throw new CsvFileError('The file has a header row but no rows of wards under it');
  if (rows.length > MAX_ROWS) throw new CsvFileError(`The file has ${rows.length.toLocaleString('en-GB')} rows; it can have at most ${MAX_ROWS.toLocaleString('en-GB')}`);
  return { headers, rows };
}

/** A cell as a number, or 'missing', or null when it is neither. */
export function cellNumber(cell: string): number | 'missing' | null {
  const text = cell.trim();
  if (MISSING.has(text.toLowerCase())) return 'missing';
  const plain = PLAIN_NUMBER.test(text) ? text : GROUPED_NUMBER.test(text) ? text.replaceAll(',', '') : null;
  if (plain === null) return null;
  const value = Number(plain);
  return Number.isFinite(value) ? value : null;
}

/**
 * Checks every row: a ward code in the ONS format, each ward once, and for the network's wards a
 * number (or a blank, skipped). Rows for other wards are counted and otherwise ignored.
 */
export function checkIndicatorRows(
  csv: IndicatorCsv,
  columns: { code: string; value: string },
  networkWardCodes: ReadonlySet<string>
): IndicatorRowsReport {
  const codeAt = csv.headers.indexOf(columns.code);
  const valueAt = csv.headers.indexOf(columns.value);
  const report: IndicatorRowsReport = { values: [], problems: [], blankValues: 0, outsideNetwork: 0 };
  const firstRowOf = new Map<string, number>();

  for (const { row, cells } of csv.rows) {
    const code = (cells[codeAt] ?? '').trim();
    const problem = (message: string) => report.problems.push({ row, message });
    if (code === '') {
      problem(`no ward code in the column “${columns.code}”`);
      continue;
    }
    if (!WardCode.safeParse(code).success) {
      problem(`“${shorten(code)}” is not a ward code: ward codes are ONS codes such as E05011385`);
      continue;
    }
    const first = firstRowOf.get(code);
    if (first !== undefined) {
      problem(`ward ${code} is listed again (first on row ${first}): give each ward one row`);
      continue;
    }
    firstRowOf.set(code, row);
    if (!networkWardCodes.has(code)) {
      report.outsideNetwork++;
      continue;
    }
    const cell = cells[valueAt] ?? '';
    const value = cellNumber(cell);
    if (value === 'missing') report.blankValues++;
    else if (value === null) problem(`“${shorten(cell.trim())}” in the column “${columns.value}” is not a number`);
    else report.values.push({ code, value });
  }
  return report;
}

const shorten = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
