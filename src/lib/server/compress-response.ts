import type { Handle } from '@sveltejs/kit';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/**
 * Issue 12 (fast on a cheap device): the server's answers, gzip- or brotli-compressed for a
 * browser that says it reads them. A network's ward boundaries or a pull page are hundreds of KB
 * of JSON that compress ten-fold; on a phone's weak signal that is seconds. Static files need none
 * of this: adapter-node serves its precompressed .br and .gz copies of them.
 */

/** Below this, compressing saves less than a packet and costs time on both sides. */
export const MIN_COMPRESSED_BYTES = 1024;

/**
 * What is worth compressing. SvelteKit's streamed page data (text/sveltekit-data) is not here:
 * buffering it would hold back the parts it sends early.
 */
const COMPRESSIBLE = /^(application\/(json|geo\+json|manifest\+json|javascript|xml)|text\/(html|css|csv|plain|javascript|xml)|image\/svg\+xml)\s*(;|$)/i;

/** Quality 4: most of brotli's gain at gzip's speed (11, the default, is for files built once). */
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

type Encoding = 'br' | 'gzip';

/** The encoding to answer with for an Accept-Encoding header: brotli, then gzip, else none (identity). */
export function chooseEncoding(acceptEncoding: string | null): Encoding | null {
  if (!acceptEncoding) return null;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((param) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    weights.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const weight = (name: Encoding) => weights.get(name) ?? weights.get('*') ?? 0;
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return null;
}

/**
 * `response`, compressed for `request` when that helps. Left as it is: HEAD, bodiless and partial
 * answers, anything already encoded or marked `no-transform`, types that do not compress, and
 * bodies under 1 KB. The body is read whole before compressing: every compressible answer this
 * server makes is built in memory (JSON of a query's rows, the small page shell); the one answer
 * streamed, an export's CSV (export-response.ts), says `no-transform` so it is left alone.
 */
export async function compressResponse(request: Request, response: Response): Promise<Response> {
  const type = response.headers.get('content-type') ?? '';
  if (!COMPRESSIBLE.test(type)) return response;
  if (response.headers.has('content-encoding') || /\bno-transform\b/i.test(response.headers.get('cache-control') ?? '')) return response;
  if (response.status < 200 || response.status === 204 || response.status === 206 || response.status === 304) return response;

  // Whatever the answer, a cache must not give this one to a browser that asked differently.
  const headers = new Headers(response.headers);
  addVary(headers, 'Accept-Encoding');
  const encoding = chooseEncoding(request.headers.get('accept-encoding'));
  const declared = response.headers.get('content-length');
  if (request.method === 'HEAD' || !response.body || !encoding || (declared !== null && Number(declared) < MIN_COMPRESSED_BYTES)) {
    return withHeaders(response, headers);
  }

  const body = new Uint8Array(await response.arrayBuffer());
  if (body.byteLength < MIN_COMPRESSED_BYTES) {
    headers.set('content-length', String(body.byteLength));
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  }
  const compressed =
    encoding === 'br'
      ? await brotli(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 4,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength
          }
        })
      : await gzipped(body);
  headers.set('content-encoding', encoding);
  headers.set('content-length', String(compressed.byteLength));
  // The same ETag on both encodings would say they are byte for byte the same (RFC 9110 §8.8.3);
  // weak, it still matches If-None-Match, so a 304 is answered as before.
  const etag = headers.get('etag');
  if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
  return new Response(new Uint8Array(compressed), { status: response.status, statusText: response.statusText, headers });
}

/** The SvelteKit handle: every answer passes through `compressResponse`. */
export const compressResponses: Handle = async ({ event, resolve }) => compressResponse(event.request, await resolve(event));

function addVary(headers: Headers, name: string): void {
  const vary = headers.get('vary');
  if (!vary) return headers.set('vary', name);
  const names = vary.split(',').map((part) => part.trim().toLowerCase());
  if (!names.includes('*') && !names.includes(name.toLowerCase())) headers.set('vary', `${vary}, ${name}`);
}

/** The answer with `headers`; its own may be immutable (a fetch passed through). */
function withHeaders(response: Response, headers: Headers): Response {
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
