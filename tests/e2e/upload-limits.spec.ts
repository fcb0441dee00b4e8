import { readFileSync } from 'node:fs';
import http from 'node:http';
import { PUSH_MAX_BYTES } from '../../src/lib/domain/protocol';
import { BOUNDARY_FILE_MAX_BYTES, FORM_MAX_BYTES, INDICATOR_FILE_MAX_BYTES, PULL_MAX_BYTES } from '../../src/lib/server/body-limits.js';
import { WARD_FILES } from '../support/shared-data';
import { expect, test } from './fixtures';

// Issue 11: one large boundary upload blocked every other request for seconds, and every route
// accepted 100 MB. Against the built server: heavy parsing is off the event loop, each route has
// its own body limit, and parallel uploads wait their turn or are told to come back.

const england = readFileSync(WARD_FILES.england);

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** POSTs `size` bytes without a Content-Length (chunked), reading the answer even mid-upload. */
function postChunked(url: string, size: number, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked', connection: 'close' } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    // The server may close the connection once it has answered, while the rest is still being sent.
    request.on('error', (error) => (answered ? undefined : reject(error)));
    let answered = false;
    request.on('response', () => (answered = true));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const write = () => {
      while (sent < size) {
        const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += part.length;
        if (!request.write(part)) return void request.once('drain', write);
      }
      request.end();
    };
    write();
  });
}

test('each route refuses a body over its limit with a 413 naming it, with and without Content-Length, and nothing changes', async ({ request, server, seeded }) => {
  const person = { cookie: `al_session=${seeded.people.coordinator.session}`, origin: server.url };
  const cases: { path: string; size: number; headers: Record<string, string>; says: (a: Answer) => string; limit: string }[] = [
    { path: '/api/boundaries', size: BOUNDARY_FILE_MAX_BYTES + 1, headers: { ...person, 'content-type': 'application/json' }, says: (a: Answer) => JSON.parse(a.body).message, limit: '20 MB' },
    {
      path: '/api/sync/push',
      size: PUSH_MAX_BYTES + 1,
      headers: { cookie: `al_device=${seeded.tablet.credential}`, 'content-type': 'application/json' },
      says: (a: Answer) => JSON.parse(a.body).error.message,
      limit: `${PUSH_MAX_BYTES} bytes`
    },
    {
      path: '/api/sync/pull',
      size: PULL_MAX_BYTES + 1,
      headers: { cookie: `al_device=${seeded.tablet.credential}`, 'content-type': 'application/json' },
      says: (a: Answer) => JSON.parse(a.body).error.message,
      limit: `${PULL_MAX_BYTES} bytes`
    },
    {
      path: '/settings/indicators?/upload',
      size: INDICATOR_FILE_MAX_BYTES + FORM_MAX_BYTES + 1,
      headers: { ...person, 'content-type': 'multipart/form-data; boundary=x', accept: 'application/json' },
      says: (a: Answer) => JSON.parse(a.body).error.message,
      limit: '11 MB'
    },
    { path: '/sign-in', size: FORM_MAX_BYTES + 1, headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, says: (a: Answer) => a.body, limit: '1 MB' }
  ];
  for (const { path, size, headers, says, limit } of cases) {
    const declared = await request.post(path, { data: Buffer.alloc(size, 'a'), headers: { ...headers, connection: 'close' } }).catch((error) => {
      throw new Error(`${path}: ${error}`);
    });
    const answers: [string, Answer][] = [
      ['with Content-Length', { status: declared.status(), headers: declared.headers(), body: await declared.text() }],
      ['chunked', await postChunked(`${server.url}${path}`, size, headers)]
    ];
    for (const [how, answer] of answers) {
      expect(answer.status, `${path} ${how}`).toBe(413);
      expect(says(answer), `${path} ${how}`).toContain(limit);
      expect(says(answer), `${path} ${how}`).toContain('Nothing was changed.');
    }
  }
  const cookie = person.cookie;
  expect((await (await request.get('/api/reference', { headers: { cookie } })).json()).wards).toHaveLength(33);
  expect(await (await request.get('/api/indicators', { headers: { cookie } })).json()).toEqual([]);
});

test('uploads beyond those parsed and waiting are refused with 503 and Retry-After, never a 500', async ({ request, seeded }) => {
  const headers = { 'content-type': 'application/json', cookie: `al_session=${seeded.people.coordinator.session}` };
  const answers = await Promise.all(
    Array.from({ length: 6 }, async () => {
      const response = await request.post('/api/boundaries', { data: england, headers, timeout: 90_000 });
      return { status: response.status(), retryAfter: response.headers()['retry-after'], body: await response.json() };
    })
  );
  expect(answers.every((a) => a.status === 200 || a.status === 503), JSON.stringify(answers.map((a) => a.status))).toBe(true);
  // One is parsed and three wait their turn, whatever the order they came in.
  expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(4);
  for (const busy of answers.filter((a) => a.status === 503)) {
    expect(busy.retryAfter).toBe('10');
    expect(busy.body.message).toContain('try again in 10 seconds');
  }
  expect((await (await request.get('/api/reference', { headers })).json()).wards).toHaveLength(6826);
});
