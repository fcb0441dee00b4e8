import { BoundaryFileError, readBoundaryFeatures } from '$lib/map/boundary-file';
import { checkWardFeatures, type BoundaryProblem } from '$lib/map/ward-boundary-checks';
import { audit } from './auth/audit';
import type { PersonCaller } from './auth/guard';
import type { BoundaryImportCounts, Store } from './store';

export type BoundaryImportReply =
  | { status: 200; body: BoundaryImportCounts & { total: number } }
  | { status: 422; body: { message: string; problems: BoundaryProblem[] } };

/**
 * A coordinator's boundary file (GeoJSON or TopoJSON, uploaded or downloaded from ONS): checked
 * ward by ward, then imported all at once, or refused with every problem listed and nothing changed.
 */
export async function importBoundaryFile(store: Store, caller: PersonCaller, text: string): Promise<BoundaryImportReply> {
  let checked;
  try {
    checked = checkWardFeatures(readBoundaryFeatures(text));
  } catch (error) {
    if (!(error instanceof BoundaryFileError)) throw error;
    return { status: 422, body: { message: error.message, problems: [{ ward: 'the file', problem: error.message }] } };
  }
  if (checked.problems.length > 0) {
    const count = checked.problems.length;
    const message = `The boundaries were not imported: ${count} ${count === 1 ? 'problem' : 'problems'} to fix. Nothing was changed.`;
    return { status: 422, body: { message, problems: checked.problems } };
  }
  const counts = await store.importBoundaries(caller.network.id, checked.wards, checked.year);
  await audit(store, caller, 'boundaries-imported', checked.year ? `Wards of ${checked.year}` : 'Wards', { ...counts, total: checked.wards.length });
  return { status: 200, body: { ...counts, total: checked.wards.length } };
}
