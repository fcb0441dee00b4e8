import { readFileSync } from 'node:fs';
import { WARD_FILES } from '../support/shared-data';
import { expect, test } from './fixtures';

// Issue 11: one large boundary upload blocked every other request for seconds. Heavy parsing is
// now off the event loop. This times requests, so it runs in the `quiet` project, after the rest
// of the suite, when no other test shares this machine's two cores.

const england = readFileSync(WARD_FILES.england);

test('a small GET answers within 500 ms while England’s boundaries are read and stored, and the upload succeeds', async ({ request, seeded }) => {
  const cookie = `al_session=${seeded.people.coordinator.session}`;
  let uploading = true;
  const upload = request
    .post('/api/boundaries', { data: england, headers: { 'content-type': 'application/json', cookie }, timeout: 60_000 })
    .finally(() => (uploading = false));
  const waits: number[] = [];
  while (uploading) {
    const started = performance.now();
    expect((await request.get('/api/session', { headers: { cookie } })).status()).toBe(200);
    waits.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const response = await upload;
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ added: 6793, changed: 33, total: 6826 });
  // England takes the server seconds to read, check and store: there were many GETs meanwhile.
  expect(waits.length).toBeGreaterThan(5);
  expect(Math.max(...waits)).toBeLessThan(500);
});
