import type { WardWithBoundary } from '$lib/domain/network-setup';
import { BoundaryFileError, readBoundaryFeatures } from '$lib/map/boundary-file';
import { checkWardFeatures, type BoundaryProblem } from '$lib/map/ward-boundary-checks';
import { parseWardBoundaryFile } from '$lib/map/ward-boundaries';
import type { RowProblem } from '../indicator-csv';
import { checkIndicatorFile, type IndicatorFileCheck } from '../indicator-file-check';

/**
 * The heavy parsing the server does off its main thread (parse-worker.ts runs these): each task
 * gets the uploaded file's bytes and answers with what the route needs, as small as it can be.
 */

/** Wards per batch the store writes in one statement (store/boundary-import.ts). */
export const WARD_BATCH_SIZE = 250;
/** Enough row problems to see what is wrong with a file; the rest are counted. */
export const MAX_PROBLEMS_SHOWN = 100;

export type ParseTask =
  /** A coordinator's boundary file, checked ward by ward; the wards come back as JSON text in batches. */
  | { kind: 'boundary-import'; bytes: ArrayBuffer }
  /** The set-up form's boundary file: the wards, or the one line saying why not. */
  | { kind: 'ward-list'; bytes: ArrayBuffer }
  | { kind: 'indicator-file'; bytes: ArrayBuffer; columns: { codeColumn: string; valueColumn: string }; networkWardCodes: string[] };

export type BoundaryImportParse =
  | { ok: true; wardCount: number; year: string | null; batches: string[] }
  | { ok: false; message: string; problems: BoundaryProblem[] };

export type WardListParse = { ok: true; wards: WardWithBoundary[] } | { ok: false; message: string };

export type IndicatorFileParse = Omit<IndicatorFileCheck, 'report'> & {
  report: (Omit<NonNullable<IndicatorFileCheck['report']>, 'problems'> & { problems: RowProblem[]; problemCount: number }) | null;
};

export type ParseResult<T extends ParseTask> = T extends { kind: 'boundary-import' }
  ? BoundaryImportParse
  : T extends { kind: 'ward-list' }
    ? WardListParse
    : IndicatorFileParse;

const text = (bytes: ArrayBuffer) => new TextDecoder().decode(bytes);

export function runParseTask<T extends ParseTask>(task: T): ParseResult<T> {
  return runTask(task) as ParseResult<T>;
}

function runTask(task: ParseTask): BoundaryImportParse | WardListParse | IndicatorFileParse {
  switch (task.kind) {
    case 'boundary-import':
      return parseBoundaryImport(text(task.bytes));
    case 'ward-list':
      try {
        return { ok: true, wards: parseWardBoundaryFile(text(task.bytes)) };
      } catch (error) {
        if (!(error instanceof BoundaryFileError)) throw error;
        return { ok: false, message: error.message };
      }
    case 'indicator-file': {
      const { errors, report } = checkIndicatorFile(text(task.bytes), task.columns, task.networkWardCodes);
      if (!report) return { errors, report: null };
      return { errors, report: { ...report, problems: report.problems.slice(0, MAX_PROBLEMS_SHOWN), problemCount: report.problems.length } };
    }
  }
}

function parseBoundaryImport(fileText: string): BoundaryImportParse {
  let checked;
  try {
    checked = checkWardFeatures(readBoundaryFeatures(fileText));
  } catch (error) {
    if (!(error instanceof BoundaryFileError)) throw error;
    return { ok: false, message: error.message, problems: [{ ward: 'the file', problem: error.message }] };
  }
  if (checked.problems.length > 0) {
    const count = checked.problems.length;
    const message = `The boundaries were not imported: ${count} ${count === 1 ? 'problem' : 'problems'} to fix. Nothing was changed.`;
    return { ok: false, message, problems: checked.problems };
  }
  const batches: string[] = [];
  for (let i = 0; i < checked.wards.length; i += WARD_BATCH_SIZE) batches.push(JSON.stringify(checked.wards.slice(i, i + WARD_BATCH_SIZE)));
  return { ok: true, wardCount: checked.wards.length, year: checked.year, batches };
}
