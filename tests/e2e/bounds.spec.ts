import { uuidv7 } from 'uuidv7';
import { FUTURE_DATE_MESSAGE, PAST_DATE_MESSAGE } from '../../src/lib/domain/instant';
import { makeConversation } from '../support/conversations';
import { expect, test } from './fixtures';

/**
 * Issue 11 through the built server: what a device or a browser can send is answered 4xx naming
 * the field, never 500, and every answer names its request (x-request-id).
 */
test('a push dated in year 0001 or the far future is refused naming the tablet’s clock, and nothing is stored', async ({ request, seeded }) => {
  const at = (recordedAt: string) => ({
    op: 'create',
    changeId: uuidv7(),
    workerId: seeded.workers.amina.id,
    conversation: makeConversation({ wardCode: 'E05011385', organisationId: seeded.organisations.armley.id, recordedAt })
  });
  const push = async (recordedAt: string) =>
    request.post('/api/sync/push', {
      data: { protocol: 2, kind: 'push', changes: [at(recordedAt)] },
      headers: { cookie: `al_device=${seeded.tablet.credential}` }
    });
  const early = await push('0001-01-01T00:30:00+01:00');
  expect(early.status()).toBe(422);
  expect(early.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect((await early.json()).error.rejected[0].message).toBe(`conversation.recordedAt: ${PAST_DATE_MESSAGE}`);
  const late = await push(new Date(Date.now() + 3 * 24 * 3600_000).toISOString());
  expect(late.status()).toBe(422);
  expect((await late.json()).error.rejected[0].message).toBe(`conversation.recordedAt: ${FUTURE_DATE_MESSAGE}`);

  const pulled = await request.post('/api/sync/pull', {
    data: { protocol: 2, kind: 'pull', workerId: seeded.workers.amina.id, cursor: '9223372036854775808' },
    headers: { cookie: `al_device=${seeded.tablet.credential}` }
  });
  expect(pulled.status()).toBe(422);
});

test('a form that is not a form, and text no database keeps, are refused with a 4xx', async ({ request, seeded, server }) => {
  const headers = { cookie: `al_session=${seeded.people.coordinator.session}`, origin: server.url };
  const broken = await request.post('/settings?/privacyNotice', {
    data: Buffer.from('--x\r\nnot a part'),
    headers: { ...headers, 'content-type': 'multipart/form-data; boundary=x', accept: 'application/json' }
  });
  expect(broken.status()).toBe(400);
  const nul = await request.post('/settings?/privacyNotice', {
    form: { privacyNotice: 'We keep\u0000 what you say safe.' },
    headers: { ...headers, accept: 'application/json' }
  });
  const answer = await nul.json();
  expect(answer.type).toBe('failure');
  expect(answer.status).toBe(400);
  expect(answer.data).toContain('Remove the hidden or broken character copied into this text');
  // The page's data (the shell renders in the browser): no such ward, not a database error.
  const ward = await request.get('/wards/%00/__data.json', { headers });
  expect((await ward.json()).nodes[1]).toMatchObject({ type: 'error', status: 404 });
  expect(ward.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
});
