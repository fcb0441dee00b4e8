import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { WARD_FILES } from '../support/shared-data';
import { expect, test } from './fixtures';

/** An answer as the wire carries it: headers and the raw (maybe compressed) bytes, undecoded. */
function rawGet(url: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

test('the built server compresses large API answers for the browser that asked, and caches boundaries by version', async ({ server, seeded }) => {
  const boundaries = `${server.url}/api/reference/boundaries`;
  const cookie = `al_session=${seeded.people.staff.session}`;

  const plain = await rawGet(boundaries, { cookie });
  expect(plain.status).toBe(200);
  expect(plain.headers['content-encoding']).toBeUndefined(); // no Accept-Encoding: identity
  expect(plain.headers.vary).toContain('Accept-Encoding');
  const wards = JSON.parse(plain.body.toString('utf8'));
  expect(wards).toHaveLength(33);

  const br = await rawGet(boundaries, { cookie, 'accept-encoding': 'gzip, deflate, br, zstd' });
  expect(br.headers['content-encoding']).toBe('br');
  expect(br.body.byteLength).toBeLessThan(plain.body.byteLength / 3);
  expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(wards);

  const gzip = await rawGet(boundaries, { cookie, 'accept-encoding': 'gzip' });
  expect(gzip.headers['content-encoding']).toBe('gzip');
  expect(JSON.parse(gunzipSync(gzip.body).toString('utf8'))).toEqual(wards);

  // HEAD and a small answer are not broken.
  const head = await rawGet(boundaries, { cookie, 'accept-encoding': 'br' }, 'HEAD');
  expect(head.status).toBe(200);
  expect(head.body.byteLength).toBe(0);
  const small = await rawGet(`${server.url}/api/session`, { cookie, 'accept-encoding': 'br' });
  expect(small.status).toBe(200);
  expect(small.headers['content-encoding']).toBeUndefined();
  expect(JSON.parse(small.body.toString('utf8')).person.email).toBe(seeded.people.staff.email);

  // Unchanged boundaries: the ETag the device kept (either encoding's) brings a 304 without a body.
  const etag = plain.headers.etag as string;
  expect(etag).toMatch(/^"/);
  expect(plain.headers['cache-control']).toBe('private, no-cache');
  for (const kept of [etag, br.headers.etag as string]) {
    const again = await rawGet(boundaries, { cookie, 'accept-encoding': 'br', 'if-none-match': kept });
    expect(again.status).toBe(304);
    expect(again.body.byteLength).toBe(0);
  }

  // A coordinator imports new boundaries: the version changes, and the device downloads them.
  const imported = await fetch(`${server.url}/api/boundaries`, {
    method: 'POST',
    headers: { cookie: `al_session=${seeded.people.coordinator.session}`, origin: server.url, 'content-type': 'application/json' },
    body: readFileSync(WARD_FILES.derby, 'utf8')
  });
  expect(imported.status).toBe(200);
  const after = await rawGet(boundaries, { cookie, 'accept-encoding': 'br', 'if-none-match': etag });
  expect(after.status).toBe(200);
  expect(after.headers.etag).not.toBe(etag);
  expect(JSON.parse(brotliDecompressSync(after.body).toString('utf8'))).toHaveLength(176);
});
