import { createHash } from 'node:crypto';
import type { Store } from './store';

/**
 * The network's ward boundaries as JSON with a strong ETag, so a device downloads them again only
 * when they changed (a large network's boundaries are megabytes).
 */
export async function wardBoundariesResponse(store: Store, networkId: string, ifNoneMatch: string | null): Promise<Response> {
  const body = JSON.stringify(await store.wardBoundaries(networkId));
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  const headers = { etag, 'cache-control': 'no-cache' };
  if (ifNoneMatch === etag) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, 'content-type': 'application/json' } });
}
