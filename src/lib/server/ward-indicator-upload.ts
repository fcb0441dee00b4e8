import * as z from 'zod/mini';
import { Id } from '$lib/domain/id';
import type { ReferenceData } from '$lib/domain/network';
import {
  IndicatorName,
  IndicatorSource,
  likelyCodeColumn,
  likelyValueColumn,
  type IndicatorUploadSummary
} from '$lib/domain/ward-indicator';
import { checkIndicatorRows, CsvFileError, readIndicatorCsv, type IndicatorCsv, type RowProblem } from './indicator-csv';
import type { FieldError } from './network-settings';
import { UnknownWardsError, type Store } from './store';

/** The ids of the upload form's inputs, which the error summary links to. */
export const INDICATOR_FIELDS = {
  name: 'indicator-name',
  source: 'indicator-source',
  file: 'indicator-file',
  codeColumn: 'code-column',
  valueColumn: 'value-column',
  direction: 'direction-lower'
} as const;

/** A CSV file of this size is some 200,000 rows: far more than every ward of the UK. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Enough row problems to see what is wrong with a file; the rest are counted. */
export const MAX_PROBLEMS_SHOWN = 100;

export interface IndicatorUpload {
  name: string;
  source: string;
  /** 'lower' when low values mean more deprived, 'higher' when high values do. */
  direction: string;
  /** Empty means the likely column (`code`, `WDyyCD`; the IMD rank). */
  codeColumn: string;
  valueColumn: string;
  file: { size: number; text(): Promise<string> } | null;
}

export type IndicatorUploadOutcome =
  | { ok: true; saved: IndicatorUploadSummary }
  | { ok: false; errors: FieldError[]; problems: RowProblem[]; problemCount: number };

const Direction = z.enum(['lower', 'higher']);

/**
 * Checks a coordinator's indicator upload in full (its name, direction, file, columns and every
 * row) and stores it only when nothing is wrong, atomically. Otherwise returns every problem.
 */
export async function uploadWardIndicator(
  store: Store,
  reference: Pick<ReferenceData, 'network' | 'wards'>,
  upload: IndicatorUpload
): Promise<IndicatorUploadOutcome> {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });

  const name = IndicatorName.safeParse(upload.name);
  if (!name.success) fail(INDICATOR_FIELDS.name, name.error.issues[0].message);
  const source = IndicatorSource.safeParse(upload.source);
  if (!source.success) fail(INDICATOR_FIELDS.source, source.error.issues[0].message);
  const direction = Direction.safeParse(upload.direction);
  if (!direction.success) fail(INDICATOR_FIELDS.direction, 'Say whether low or high values mean more deprived');

  const csv = await readFile(upload.file, fail);
  const columns = csv && chooseColumns(csv, upload, fail);
  const wardCodes = new Set(reference.wards.map((w) => w.code));
  const report = csv && columns ? checkIndicatorRows(csv, columns, wardCodes) : null;
  if (report && report.problems.length > 0) {
    const n = report.problems.length;
    fail(INDICATOR_FIELDS.file, `The file has ${n.toLocaleString('en-GB')} ${n === 1 ? 'problem' : 'problems'}: fix ${n === 1 ? 'it' : 'them'} and upload the file again`);
  } else if (report && report.values.length === 0) {
    fail(
      INDICATOR_FIELDS.file,
      report.blankValues > 0
        ? 'The file has no figures for this network’s wards: every row for them is blank'
        : 'None of the wards in the file is one of this network’s wards: check it lists wards by their current ONS code'
    );
  }

  const problems = report?.problems ?? [];
  if (errors.length > 0 || !report || !name.success || !source.success || !direction.success) {
    return { ok: false, errors: inFormOrder(errors), problems: problems.slice(0, MAX_PROBLEMS_SHOWN), problemCount: problems.length };
  }

  try {
    const { replaced } = await store.saveWardIndicator(reference.network.id, {
      name: name.data,
      source: source.data,
      lowerIsMoreDeprived: direction.data === 'lower',
      values: report.values
    });
    const given = new Set(report.values.map((v) => v.code));
    return {
      ok: true,
      saved: {
        name: name.data,
        wards: report.values.length,
        replaced,
        outsideNetwork: report.outsideNetwork,
        blankValues: report.blankValues,
        wardsWithoutValue: reference.wards.filter((w) => !given.has(w.code)).map((w) => w.name)
      }
    };
  } catch (error) {
    // The network's wards changed between the check and the save; nothing was stored.
    if (!(error instanceof UnknownWardsError)) throw error;
    return { ok: false, errors: [{ field: INDICATOR_FIELDS.file, message: error.message }], problems: [], problemCount: 0 };
  }
}

async function readFile(file: IndicatorUpload['file'], fail: (field: string, message: string) => void): Promise<IndicatorCsv | null> {
  if (!file || file.size === 0) {
    fail(INDICATOR_FIELDS.file, 'Choose a CSV file with a column of ward codes and a column of figures');
    return null;
  }
  if (file.size > MAX_FILE_BYTES) {
    fail(INDICATOR_FIELDS.file, `The file must be smaller than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    return null;
  }
  try {
    return readIndicatorCsv(await file.text());
  } catch (error) {
    if (!(error instanceof CsvFileError)) throw error;
    fail(INDICATOR_FIELDS.file, error.message);
    return null;
  }
}

function chooseColumns(
  csv: IndicatorCsv,
  upload: IndicatorUpload,
  fail: (field: string, message: string) => void
): { code: string; value: string } | null {
  const code = upload.codeColumn.trim() || likelyCodeColumn(csv.headers);
  const value = upload.valueColumn.trim() || likelyValueColumn(csv.headers);
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

/** In the order of the form, so the error summary reads top to bottom. */
function inFormOrder(errors: FieldError[]): FieldError[] {
  const order: string[] = [INDICATOR_FIELDS.name, INDICATOR_FIELDS.file, INDICATOR_FIELDS.codeColumn, INDICATOR_FIELDS.valueColumn, INDICATOR_FIELDS.direction, INDICATOR_FIELDS.source];
  return [...errors].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

/** The indicators a coordinator has uploaded, for the settings page. */
export async function indicatorSettingsView(store: Store, networkId: string, networkWards: number) {
  const indicators = await store.wardIndicators(networkId);
  return {
    networkWards,
    indicators: indicators.map(({ values, ...indicator }) => ({ ...indicator, wards: Object.keys(values).length }))
  };
}

/** The id of the indicator to remove, from the hidden input of its row; null when malformed. */
export function checkIndicatorId(value: string): string | null {
  return Id.safeParse(value).success ? value : null;
}
