import type { BoundaryProblem } from '$lib/map/ward-boundary-checks';
import { audit } from './auth/audit';
import type { PersonCaller } from './auth/guard';
import { inParseTurn, parseOffThread, ParsersBusyError } from './off-thread/parse-pool';
import type { BoundaryImportCounts, Store } from './store';

export type BoundaryImportReply =
  | { status: 200; body: BoundaryImportCounts & { total: number } }
  | { status: 422; body: { message: string; problems: BoundaryProblem[] } }
  | { status: 503; body: { message: string; problems: BoundaryProblem[] }; headers: { 'retry-after': string } };

/**
 * A coordinator's boundary file (GeoJSON or TopoJSON, uploaded or downloaded from ONS): checked
 * ward by ward in the parse worker, then imported all at once, or refused with every problem
 * listed and nothing changed. `readFile` is called only when the file's turn to be parsed comes.
 */
export async function importBoundaryFile(store: Store, caller: PersonCaller, readFile: () => Promise<ArrayBuffer>): Promise<BoundaryImportReply> {
  let parsed;
  try {
    parsed = await inParseTurn(async () => parseOffThread({ kind: 'boundary-import', bytes: await readFile() }));
  } catch (error) {
    if (!(error instanceof ParsersBusyError)) throw error;
    return { status: 503, body: { message: error.message, problems: [] }, headers: { 'retry-after': String(error.retryAfterSeconds) } };
  }
  if (!parsed.ok) return { status: 422, body: { message: parsed.message, problems: parsed.problems } };
  const counts = await store.importBoundaries(caller.network.id, { batches: parsed.batches }, parsed.year);
  await audit(store, caller, 'boundaries-imported', parsed.year ? `Wards of ${parsed.year}` : 'Wards', { ...counts, total: parsed.wardCount });
  return { status: 200, body: { ...counts, total: parsed.wardCount } };
}
