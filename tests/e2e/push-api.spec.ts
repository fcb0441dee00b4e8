import type { APIRequestContext } from '@playwright/test';
import { uuidv7 } from 'uuidv7';
import { PUSH_MAX_BYTES } from '../../src/lib/domain/protocol';
import { makeConversation } from '../support/conversations';
import { expect, test } from './fixtures';
import { SetupPage } from './pages/setup-page';

const ARMLEY = 'E05011385';

function pushOf(conversations: unknown[]) {
  return {
    protocol: 1,
    kind: 'push',
    deviceId: uuidv7(),
    userId: null,
    changes: conversations.map((conversation) => ({ op: 'create', changeId: uuidv7(), conversation }))
  };
}

async function themeIds(request: APIRequestContext): Promise<string[]> {
  const reference = await (await request.get('/api/reference')).json();
  return reference.themes.map((t: { id: string }) => t.id);
}

test.beforeEach(async ({ page }) => {
  await SetupPage.leeds(page);
});

test('S2 exactly-once: the same push sent twice stores each conversation once', async ({ request, page }) => {
  const [work] = await themeIds(request);
  const push = pushOf([makeConversation({ wardCode: ARMLEY, themeIds: [work] }), makeConversation({ wardCode: ARMLEY })]);
  for (let i = 0; i < 2; i++) {
    const response = await request.post('/api/sync/push', { data: push });
    expect(response.status()).toBe(200);
    expect((await response.json()).acknowledged).toEqual(push.changes.map((c) => c.changeId));
  }
  await page.goto('/wards');
  await expect(page.getByText('2 conversations synced across 33 wards.')).toBeVisible();
});

test('bad pushes get a 4xx naming the problem, and nothing of their batch is stored', async ({ request, page }) => {
  const good = () => makeConversation({ wardCode: ARMLEY });
  const cases: { name: string; body: string | object; status: number; says: string }[] = [
    { name: 'ward not in the network', body: pushOf([good(), makeConversation({ wardCode: 'E05999999' })]), status: 422, says: 'ward E05999999 is not one of this network' },
    { name: 'malformed ward code', body: pushOf([good(), makeConversation({ wardCode: 'Armley' })]), status: 422, says: 'wardCode: A ward code is an ONS GSS code' },
    { name: 'missing consent', body: pushOf([good(), { ...good(), consentToRecord: false }]), status: 422, says: 'Consent to record is required' },
    { name: 'unknown theme', body: pushOf([good(), makeConversation({ wardCode: ARMLEY, themeIds: ['0190aaaa-0000-7000-8000-000000000000'] })]), status: 422, says: 'theme 0190aaaa-0000-7000-8000-000000000000 is not one of this network' },
    { name: 'non-JSON', body: '{"protocol": 1, "kind": "push", ', status: 400, says: 'The push is not JSON' },
    { name: 'body over the size limit', body: pushOf([good(), { ...good(), loves: 'x'.repeat(PUSH_MAX_BYTES) }]), status: 413, says: `larger than ${PUSH_MAX_BYTES} bytes` },
    { name: 'unknown protocol version', body: { ...pushOf([good()]), protocol: 99 }, status: 426, says: 'This app is out of date' }
  ];
  for (const { name, body, status, says } of cases) {
    const response = await request.post('/api/sync/push', {
      data: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
      // A fresh connection each: the server refuses an oversized body without reading it all,
      // and then closes that connection.
      headers: { 'content-type': 'application/json', connection: 'close' }
    });
    expect(response.status(), name).toBe(status);
    expect((await response.json()).error.message, name).toContain(says);
  }
  await page.goto('/wards');
  await expect(page.getByText('0 conversations synced across 33 wards.')).toBeVisible();
});
