import { createHash } from 'node:crypto';
import { mapFiltersKey, withMinimumForShare, type MapFilters, type WardMapData } from '$lib/domain/ward-map';
import type { Store } from './store';

/** One answer as sent, with the version of the data it was computed from. */
interface CachedAnswer {
  version: string;
  body: string;
  etag: string;
}

/** Enough for every view a network's staff open between two syncs, and a few MB at most for England. */
const ANSWERS_KEPT = 64;

/**
 * The last answers per store and filters. Each is served only while `wardMapVersion` (asked of
 * the database on every request) is unchanged, so several server processes never disagree and
 * none serves stale figures: this is a cache, not state.
 */
const answersByStore = new WeakMap<Store, Map<string, CachedAnswer>>();

/**
 * GET /api/map: the ward map's figures for `filters` as JSON, with a strong ETag of the body. An
 * unchanged answer costs one small query (the version) and, when the device already holds it
 * (If-None-Match), no body at all.
 */
export async function wardMapResponse(store: Store, networkId: string, filters: MapFilters, ifNoneMatch: string | null): Promise<Response> {
  let answers = answersByStore.get(store);
  if (!answers) answersByStore.set(store, (answers = new Map()));
  const key = mapFiltersKey(filters);
  // The version is read before the figures, so an answer is never filed under a later version
  // than its data: a change in between makes the next request compute it again.
  const version = await store.wardMapVersion(networkId);
  let answer = answers.get(key);
  if (answer?.version !== version) {
    const [wards, indicators, minimumConversations] = await Promise.all([
      store.wardMap(networkId, filters),
      store.wardIndicatorNames(networkId),
      store.mapMinimumConversations(networkId)
    ]);
    // Applied here, once, so the map, its tooltips and its table agree on which shares to show.
    const data: WardMapData = { filters, wards: withMinimumForShare(wards, minimumConversations), indicators, minimumConversations };
    const body = JSON.stringify(data);
    answer = { version, body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
  }
  answers.delete(key); // re-inserted last: the Map's order is least recently used first
  answers.set(key, answer);
  while (answers.size > ANSWERS_KEPT) answers.delete(answers.keys().next().value!);

  // Devices revalidate every time (no-cache), so figures are never older than the last request.
  const headers = { etag: answer.etag, 'cache-control': 'private, no-cache' };
  if (etagMatches(ifNoneMatch, answer.etag)) return new Response(null, { status: 304, headers });
  return new Response(answer.body, { headers: { ...headers, 'content-type': 'application/json' } });
}

/** If-None-Match holds `*` or a list of tags, compared weakly (RFC 9110 §13.1.2). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
