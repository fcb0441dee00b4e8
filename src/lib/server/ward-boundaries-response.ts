import { createHash } from 'node:crypto';
import type { Store } from './store';
import { etagMatches } from './ward-map-response';

/**
 * Bumped when the answer's shape changes, so a device holding the old shape downloads the new one
 * even though the boundaries did not change.
 */
const ANSWER_FORMAT = 1;

/** The last answer per store: a large network's boundaries are megabytes of JSON to build. */
const answers = new WeakMap<Store, { version: string; body: string }>();

/**
 * GET /api/reference/boundaries: the network's ward boundaries as JSON, with a strong ETag named
 * by the boundary set's version (which changes with every import, and only then). A device sends
 * it back (If-None-Match) each time it refreshes its reference data and, unless a coordinator
 * imported boundaries since, gets a 304 without a body, found with one small query. Revalidated
 * every time (`no-cache`) rather than cached for a while, so a new import reaches a tablet at its
 * next refresh.
 */
export async function wardBoundariesResponse(store: Store, networkId: string, ifNoneMatch: string | null): Promise<Response> {
  // The version is read before the boundaries, so an answer is never filed under a later
  // version than its data: an import in between makes the next request build it again.
  const version = await store.wardBoundariesVersion(networkId);
  const etag = `"${createHash('sha1').update(`${ANSWER_FORMAT}:${version}`).digest('base64url')}"`;
  const headers = { etag, 'cache-control': 'private, no-cache' };
  if (etagMatches(ifNoneMatch, etag)) return new Response(null, { status: 304, headers });
  let answer = answers.get(store);
  if (answer?.version !== version) {
    answer = { version, body: JSON.stringify(await store.wardBoundaries(networkId)) };
    answers.set(store, answer);
  }
  return new Response(answer.body, { headers: { ...headers, 'content-type': 'application/json' } });
}
