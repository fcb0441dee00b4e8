import { request as httpRequest } from 'node:http';
import { expect, test } from './fixtures';

/** Headers every response carries, whatever serves it (a static file, a page, the API, an error). */
const EVERY_RESPONSE = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin'
};

/** A raw request, so the Host header can be anything a client sends. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

test('security headers on every kind of response, and a page policy with no inline script', async ({ server, seeded }) => {
  const cookie = `al_session=${seeded.people.coordinator.session}`;
  const responses = {
    'prerendered start page': await fetch(`${server.url}/`),
    'page for people': await fetch(`${server.url}/settings`, { headers: { cookie } }),
    'page, not signed in': await fetch(`${server.url}/settings`, { redirect: 'manual' }),
    'script file': await fetch(`${server.url}/_app/version.json`),
    'web app manifest': await fetch(`${server.url}/manifest.webmanifest`),
    'service worker': await fetch(`${server.url}/sw.js`),
    'API answer': await fetch(`${server.url}/api/session`),
    'API refusal': await fetch(`${server.url}/api/reference`),
    'page not found': await fetch(`${server.url}/no-such-page`)
  };
  for (const [what, response] of Object.entries(responses)) {
    for (const [name, value] of Object.entries(EVERY_RESPONSE)) expect(response.headers.get(name), `${what}: ${name}`).toBe(value);
    expect(response.headers.get('permissions-policy'), what).toContain('geolocation=(self)');
    if (what !== 'prerendered start page') expect(response.headers.get('content-security-policy'), what).toContain("frame-ancestors 'none'");
  }

  // Pages: scripts only from the app itself and SvelteKit's one start-up script, by nonce or hash.
  const pagePolicy = responses['page for people'].headers.get('content-security-policy')!;
  expect(pagePolicy).toMatch(/script-src 'self' '(nonce|sha256)-[^']+'/);
  expect(pagePolicy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(pagePolicy).toContain("object-src 'none'");
  // The prerendered shell, which the service worker serves offline, carries its policy in a meta tag.
  const shell = await responses['prerendered start page'].text();
  expect(shell).toMatch(/<meta http-equiv="content-security-policy" content="[^"]*script-src 'self' 'sha256-/);
});

test('the JSON API answers only the app’s own address and pages: another Host or Origin is refused and changes nothing', async ({ server, seeded }) => {
  const device = `al_device=${seeded.tablet.credential}`;
  const port = new URL(server.url).port;
  const rebound = await rawGet(`${server.url}/api/reference`, { host: `attacker.example:${port}`, cookie: device });
  expect(rebound.status).toBe(403);
  expect(JSON.parse(rebound.body).error.message).toContain(`not attacker.example:${port}`);

  const crossSite = await fetch(`${server.url}/api/sync/pull`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://attacker.example', cookie: device },
    body: JSON.stringify({ protocol: 2, kind: 'pull', workerId: seeded.workers.amina.id, cursor: '0' })
  });
  expect(crossSite.status).toBe(403);
  expect((await crossSite.json()).error.message).toBe('Requests from other sites are refused.');

  // The same requests from the app itself are answered.
  const own = await fetch(`${server.url}/api/reference`, { headers: { origin: server.url, cookie: device } });
  expect(own.status).toBe(200);
});
