import type { WardWithBoundary } from '$lib/domain/network-setup';
import { BoundaryFileError, readBoundaryFeatures } from './boundary-file';
import { checkWardFeatures } from './ward-boundary-checks';

export { BoundaryFileError } from './boundary-file';

/** Reads the wards of an ONS GeoJSON or TopoJSON boundary file, or says in one line why it cannot. */
export function parseWardBoundaryFile(text: string): WardWithBoundary[] {
  const { wards, problems } = checkWardFeatures(readBoundaryFeatures(text));
  if (problems.length > 0) {
    const [first] = problems;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
    const subject = first.ward === 'the file' ? 'The ward boundary file' : `Ward ${first.ward} in the boundary file`;
    throw new BoundaryFileError(`${subject}: ${first.problem}${more}.`);
  }
  return wards;
}
