import type { FieldError } from '$lib/domain/field-error';
import { likelyCodeColumn, likelyValueColumn } from '$lib/domain/ward-indicator';
import { checkIndicatorRows, CsvFileError, readIndicatorCsv, type IndicatorCsv, type IndicatorRowsReport } from './indicator-csv';

/** The ids of the upload form's inputs, which the error summary links to. */
export const INDICATOR_FIELDS = {
  name: 'indicator-name',
  source: 'indicator-source',
  file: 'indicator-file',
  codeColumn: 'code-column',
  valueColumn: 'value-column',
  direction: 'direction-lower'
} as const;

export interface IndicatorFileCheck {
  /** What is wrong with the file or the columns chosen, by form field. */
  errors: FieldError[];
  /** Every row checked, when the file could be read and its columns found. */
  report: IndicatorRowsReport | null;
}

/**
 * Reads an indicator CSV and checks every row against the network's wards, with the columns the
 * coordinator chose (or the likely ones). Pure and self-contained: it runs in the parse worker.
 */
export function checkIndicatorFile(text: string, chosen: { codeColumn: string; valueColumn: string }, networkWardCodes: readonly string[]): IndicatorFileCheck {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  let csv: IndicatorCsv;
  try {
    csv = readIndicatorCsv(text);
  } catch (error) {
    if (!(error instanceof CsvFileError)) throw error;
    fail(INDICATOR_FIELDS.file, error.message);
    return { errors, report: null };
  }
  const columns = chooseColumns(csv, chosen, fail);
  return { errors, report: columns ? checkIndicatorRows(csv, columns, new Set(networkWardCodes)) : null };
}

function chooseColumns(
  csv: IndicatorCsv,
  chosen: { codeColumn: string; valueColumn: string },
  fail: (field: string, message: string) => void
): { code: string; value: string } | null {
  const code = chosen.codeColumn.trim() || likelyCodeColumn(csv.headers);
  const value = chosen.valueColumn.trim() || likelyValueColumn(csv.headers);
  let ok = true;
  if (!code || !csv.headers.includes(code)) {
    fail(INDICATOR_FIELDS.codeColumn, code ? `The file has no column “${code}”: choose the column of ward codes` : 'Choose the column of ward codes');
    ok = false;
  }
  if (!value || !csv.headers.includes(value)) {
    fail(INDICATOR_FIELDS.valueColumn, value ? `The file has no column “${value}”: choose the column of figures` : 'Choose the column of figures');
    ok = false;
  } else if (value === code) {
    fail(INDICATOR_FIELDS.valueColumn, 'Choose a column of figures that is not the column of ward codes');
    ok = false;
  }
  return ok && code && value ? { code, value } : null;
}
