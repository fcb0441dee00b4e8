import * as z from 'zod/mini';
import { Id } from '$lib/domain/id';
import type { ReferenceData } from '$lib/domain/network';
import { IndicatorName, IndicatorSource, type IndicatorUploadSummary } from '$lib/domain/ward-indicator';
import { INDICATOR_FILE_MAX_BYTES } from './body-limits.js';
import type { RowProblem } from './indicator-csv';
import { INDICATOR_FIELDS } from './indicator-file-check';
import type { FieldError } from './network-settings';
import { inParseTurn, parseOffThread, ParsersBusyError } from './off-thread/parse-pool';
import { MAX_PROBLEMS_SHOWN, type IndicatorFileParse } from './off-thread/parse-tasks';
import { UnknownWardsError, type Store } from './store';

export { INDICATOR_FIELDS, MAX_PROBLEMS_SHOWN };

/** A CSV file of this size is some 200,000 rows: far more than every ward of the UK. */
export const MAX_FILE_BYTES = INDICATOR_FILE_MAX_BYTES;

export interface IndicatorUpload {
  name: string;
  source: string;
  /** 'lower' when low values mean more deprived, 'higher' when high values do. */
  direction: string;
  /** Empty means the likely column (`code`, `WDyyCD`; the IMD rank). */
  codeColumn: string;
  valueColumn: string;
  /** An uploaded File; its bytes are read when its turn to be parsed comes. */
  file: { size: number; text(): Promise<string>; arrayBuffer?(): Promise<ArrayBuffer> } | null;
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

  const report = await checkFile(upload, reference.wards.map((w) => w.code), errors);
  if (report && report.problemCount > 0) {
    const n = report.problemCount;
    fail(INDICATOR_FIELDS.file, `The file has ${n.toLocaleString('en-GB')} ${n === 1 ? 'problem' : 'problems'}: fix ${n === 1 ? 'it' : 'them'} and upload the file again`);
  } else if (report && report.values.length === 0) {
    fail(
      INDICATOR_FIELDS.file,
      report.blankValues > 0
        ? 'The file has no figures for this network’s wards: every row for them is blank'
        : 'None of the wards in the file is one of this network’s wards: check it lists wards by their current ONS code'
    );
  }

  if (errors.length > 0 || !report || !name.success || !source.success || !direction.success) {
    return { ok: false, errors: inFormOrder(errors), problems: report?.problems ?? [], problemCount: report?.problemCount ?? 0 };
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

/**
 * Reads and checks the file in the parse worker (off the event loop, one file at a time), adding
 * what is wrong to `errors`: the row report, or null when the file could not be checked.
 */
async function checkFile(upload: IndicatorUpload, networkWardCodes: string[], errors: FieldError[]): Promise<IndicatorFileParse['report']> {
  const { file } = upload;
  if (!file || file.size === 0) {
    errors.push({ field: INDICATOR_FIELDS.file, message: 'Choose a CSV file with a column of ward codes and a column of figures' });
    return null;
  }
  if (file.size > MAX_FILE_BYTES) {
    errors.push({ field: INDICATOR_FIELDS.file, message: `The file must be smaller than ${MAX_FILE_BYTES / 1024 / 1024} MB` });
    return null;
  }
  try {
    const parsed = await inParseTurn(async () =>
      parseOffThread({
        kind: 'indicator-file',
        bytes: await bytesOf(file),
        columns: { codeColumn: upload.codeColumn, valueColumn: upload.valueColumn },
        networkWardCodes
      })
    );
    errors.push(...parsed.errors);
    return parsed.report;
  } catch (error) {
    if (!(error instanceof ParsersBusyError)) throw error;
    errors.push({ field: INDICATOR_FIELDS.file, message: error.message });
    return null;
  }
}

async function bytesOf(file: NonNullable<IndicatorUpload['file']>): Promise<ArrayBuffer> {
  if (file.arrayBuffer) return file.arrayBuffer();
  const bytes = new TextEncoder().encode(await file.text());
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
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
