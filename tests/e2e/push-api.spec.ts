import type { APIRequestContext } from '@playwright/test';
import { uuidv7 } from 'uuidv7';
import { PUSH_MAX_BYTES } from '../../src/lib/domain/protocol';
import { makeConversation } from '../support/conversations';
import type { SeededNetwork } from '../support/seed-network';
import { expect, test } from './fixtures';
import { SetupPage } from './pages/setup-page';

const ARMLEY = 'E05011385';

function pushOf(seeded: SeededNetwork, conversations: unknown[]) {
  return {
    protocol: 2,
    kind: 'push',
    changes: conversations.map((conversation) => ({
      op: 'create',
      changeId: uuidv7(),
      workerId: seeded.workers.amina.id,
      conversation: { ...(conversation as object), organisationId: (conversation as { organisationId?: string | null }).organisationId ?? seeded.organisations.armley.id }
    }))
  };
}

/**
 * POSTs a push with a tablet's device credential (or none). A fresh connection each: the server
 * refuses an oversized body without reading it all, and then closes that connection.
 */
const post = (request: APIRequestContext, body: string | object, credential: string | null) =>
  request.post('/api/sync/push', {
    data: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    headers: { 'content-type': 'application/json', connection: 'close', ...(credential ? { cookie: `al_device=${credential}` } : {}) }
  });

let seeded: SeededNetwork;
test.beforeEach(async ({ page, server }) => {
  seeded = await SetupPage.leeds(page, server);
});

test('S2 exactly-once: the same push sent twice stores each conversation once', async ({ page, request }) => {
  const { themes } = await (await page.request.get('/api/reference')).json();
  const push = pushOf(seeded, [makeConversation({ wardCode: ARMLEY, themeIds: [themes[0].id] }), makeConversation({ wardCode: ARMLEY })]);
  for (let i = 0; i < 2; i++) {
    const response = await post(request, push, seeded.tablet.credential);
    expect(response.status()).toBe(200);
    expect((await response.json()).acknowledged).toEqual(push.changes.map((c) => c.changeId));
  }
  await page.goto('/wards');
  await expect(page.getByText('2 conversations synced across 33 wards.')).toBeVisible();
});

test('bad pushes get a 4xx naming the problem, and nothing of their batch is stored', async ({ page, request }) => {
  const good = () => makeConversation({ wardCode: ARMLEY });
  const cases: { name: string; body: string | object; credential?: string | null; status: number; says: string }[] = [
    { name: 'ward not in the network', body: pushOf(seeded, [good(), makeConversation({ wardCode: 'E05999999' })]), status: 422, says: 'ward E05999999 is not one of this network' },
    { name: 'malformed ward code', body: pushOf(seeded, [good(), makeConversation({ wardCode: 'Armley' })]), status: 422, says: 'wardCode: A ward code is an ONS GSS code' },
    { name: 'missing consent', body: pushOf(seeded, [good(), { ...good(), consentToRecord: false }]), status: 422, says: 'Consent to record is required' },
    { name: 'unknown theme', body: pushOf(seeded, [good(), makeConversation({ wardCode: ARMLEY, themeIds: ['0190aaaa-0000-7000-8000-000000000000'] })]), status: 422, says: 'theme 0190aaaa-0000-7000-8000-000000000000 is not one of this network' },
    { name: 'another organisation’s conversation', body: pushOf(seeded, [good(), { ...good(), organisationId: seeded.organisations.chapeltown.id }]), status: 422, says: 'organisation this tablet is enrolled for' },
    { name: 'non-JSON', body: '{"protocol": 2, "kind": "push", ', status: 400, says: 'The push is not JSON' },
    { name: 'body over the size limit', body: pushOf(seeded, [good(), { ...good(), loves: 'x'.repeat(PUSH_MAX_BYTES) }]), status: 413, says: `larger than ${PUSH_MAX_BYTES} bytes` },
    { name: 'unknown protocol version', body: { ...pushOf(seeded, [good()]), protocol: 99 }, status: 426, says: 'This app is out of date' },
    { name: 'the app before accounts (protocol 1), not enrolled', body: { ...pushOf(seeded, [good()]), protocol: 1 }, credential: null, status: 426, says: 'This app is out of date' },
    { name: 'no device credential', body: pushOf(seeded, [good()]), credential: null, status: 401, says: 'not enrolled' },
    { name: 'a credential the server never issued', body: pushOf(seeded, [good()]), credential: 'not-a-credential', status: 401, says: 'not enrolled' }
  ];
  for (const { name, body, credential, status, says } of cases) {
    const response = await post(request, body, credential === undefined ? seeded.tablet.credential : credential);
    expect(response.status(), name).toBe(status);
    expect((await response.json()).error.message, name).toContain(says);
  }
  await page.goto('/wards');
  await expect(page.getByText('0 conversations synced across 33 wards.')).toBeVisible();
});
