import type { MapTiles } from '$lib/domain/ward-map';

/**
 * Base-map tiles are optional: with none configured the map draws the ward boundaries alone, which
 * works offline. `MAP_TILE_URL` is a Leaflet URL template such as
 * `https://tile.openstreetmap.org/{z}/{x}/{y}.png` (mind the tile server's usage policy);
 * `MAP_TILE_ATTRIBUTION` is the credit it requires, shown as text.
 */
export function mapTilesFromEnv(env: Record<string, string | undefined>): MapTiles {
  const url = env.MAP_TILE_URL?.trim();
  if (!url) return { url: null, attribution: null };
  if (!/^https?:\/\//.test(url) || !['{z}', '{x}', '{y}'].every((part) => url.includes(part))) {
    console.warn('Anchor Listening: MAP_TILE_URL is not an http(s) URL template with {z}, {x} and {y}; the map shows no tiles.');
    return { url: null, attribution: null };
  }
  return { url, attribution: env.MAP_TILE_ATTRIBUTION?.trim() || null };
}

/** The tile server as a CSP source (`{s}` subdomains as a wildcard), or null when there are no tiles. */
export function tileSource(env: Record<string, string | undefined>): string | null {
  const { url } = mapTilesFromEnv(env);
  return url?.match(/^https?:\/\/[^/]+/)?.[0].replaceAll('{s}', '*') ?? null;
}

let tileSourceOf: { setting: string | undefined; source: string | null } | undefined;

/** Lets pages load the configured base-map tiles: the tile server joins the page policy's img-src. */
export function withTileOrigin(response: Response, env: Record<string, string | undefined>): Response {
  const policy = response.headers.get('content-security-policy');
  if (!policy || !env.MAP_TILE_URL) return response;
  if (tileSourceOf?.setting !== env.MAP_TILE_URL) tileSourceOf = { setting: env.MAP_TILE_URL, source: tileSource(env) };
  const source = tileSourceOf.source;
  if (source) response.headers.set('content-security-policy', policy.replace(/img-src [^;]*/, (directive) => `${directive} ${source}`));
  return response;
}
