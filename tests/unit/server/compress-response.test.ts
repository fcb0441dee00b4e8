import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding, compressResponse, compressResponses } from '../../../src/lib/server/compress-response';
import type { Store } from '../../../src/lib/server/store';
import { migrate } from '../../../src/lib/server/store/migrations';
import { openPgliteDatabase } from '../../../src/lib/server/store/pglite-database';
import type { SqlDatabase } from '../../../src/lib/server/store/sql-database';
import { createSqlStore } from '../../../src/lib/server/store/sql-store';
import { wardBoundariesResponse } from '../../../src/lib/server/ward-boundaries-response';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

let db: SqlDatabase;
let store: Store;
let networkId: string;
beforeAll(async () => {
  db = await openPgliteDatabase();
  await migrate(db);
  store = createSqlStore(db);
  networkId = (await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds))).id;
});
afterAll(() => db.close());

const boundaries = () => wardBoundariesResponse(store, networkId, null);
const get = (acceptEncoding?: string, method = 'GET') =>
  new Request('http://app.test/api/reference/boundaries', { method, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });
const raw = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe('compressed answers', () => {
  it('sends a large JSON answer brotli-compressed to a browser that reads brotli, decoding to the same JSON', async () => {
    const plain = await (await boundaries()).text();
    const response = await compressResponse(get('gzip, deflate, br, zstd'), await boundaries());
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    const body = await raw(response);
    expect(Number(response.headers.get('content-length'))).toBe(body.byteLength);
    expect(body.byteLength).toBeLessThan(plain.length / 3);
    expect(JSON.parse(brotliDecompressSync(body).toString('utf8'))).toEqual(JSON.parse(plain));
    // Still matches If-None-Match (weakly, as the two encodings are not byte for byte the same).
    expect(response.headers.get('etag')).toBe(`W/${(await boundaries()).headers.get('etag')}`);
  });

  it('sends gzip to a browser that reads gzip but not brotli', async () => {
    const plain = await (await boundaries()).text();
    for (const accept of ['gzip', 'gzip, br;q=0', 'deflate, gzip;q=0.5']) {
      const response = await compressResponse(get(accept), await boundaries());
      expect(response.headers.get('content-encoding')).toBe('gzip');
      expect(gunzipSync(await raw(response)).toString('utf8')).toBe(plain);
    }
  });

  it('answers uncompressed (identity) without Accept-Encoding, or when it allows neither', async () => {
    const plain = await (await boundaries()).text();
    for (const accept of [undefined, '', 'identity', 'deflate', 'br;q=0, gzip;q=0, *;q=0']) {
      const response = await compressResponse(get(accept), await boundaries());
      expect(response.headers.get('content-encoding')).toBeNull();
      expect(response.headers.get('vary')).toBe('Accept-Encoding');
      expect(await response.text()).toBe(plain);
    }
  });

  it('leaves small bodies, HEAD, 304, already-encoded, streamed page data and no-transform answers as they are', async () => {
    const small = await compressResponse(get('br'), Response.json({ ok: true }));
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(await small.json()).toEqual({ ok: true });

    const head = await compressResponse(get('br', 'HEAD'), new Response(null, { headers: { 'content-type': 'application/json', 'content-length': '5000' } }));
    expect(head.headers.get('content-encoding')).toBeNull();
    expect(head.headers.get('content-length')).toBe('5000');
    expect(await head.text()).toBe('');

    const etag = (await boundaries()).headers.get('etag')!;
    const notModified = await compressResponse(get('br'), await wardBoundariesResponse(store, networkId, etag));
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('content-encoding')).toBeNull();

    const big = 'x'.repeat(5000);
    const encoded = new Response(big, { headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    expect(await compressResponse(get('br'), encoded)).toBe(encoded);
    const streamed = new Response(big, { headers: { 'content-type': 'text/sveltekit-data' } });
    expect(await compressResponse(get('br'), streamed)).toBe(streamed);
    const untouchable = new Response(big, { headers: { 'content-type': 'application/json', 'cache-control': 'no-transform' } });
    expect(await compressResponse(get('br'), untouchable)).toBe(untouchable);
    const image = new Response(big, { headers: { 'content-type': 'image/png' } });
    expect(await compressResponse(get('br'), image)).toBe(image);
  });

  it('keeps a Vary the answer had, as the SvelteKit handle (the built server is tested in e2e/compression.spec.ts)', async () => {
    const response = await compressResponses({
      event: { request: get('gzip') } as RequestEvent,
      resolve: async () => new Response(JSON.stringify({ text: 'a'.repeat(4000) }), { headers: { 'content-type': 'application/json', vary: 'Cookie' } })
    });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('vary')).toBe('Cookie, Accept-Encoding');
    expect(JSON.parse(gunzipSync(await raw(response)).toString('utf8')).text).toHaveLength(4000);
  });

  it('reads Accept-Encoding with weights', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('br;q=0.5, gzip')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*, br;q=0')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding(null)).toBeNull();
  });
});
