import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { DeviceDatabase, SCHEMA_VERSIONS } from '../../../src/lib/client/db/database';
import { countUnsyncedConversations } from '../../../src/lib/client/db/outbox';
import { Conversation } from '../../../src/lib/domain/conversation';
import { DEFAULT_PROMPTS } from '../../../src/lib/domain/prompt';

const name = `migration-${uuidv7()}`;
afterEach(() => Dexie.delete(name));

/** A conversation exactly as version 1 of the app saved it. */
function version1Conversation(loves: string, wouldChange: string) {
  return {
    id: uuidv7(),
    wardCode: 'E05011385',
    recordedAt: '2026-11-20T10:30:00.000Z',
    loves,
    wouldChange,
    quotes: [{ text: 'We need jobs here', consentToQuote: true }],
    themeIds: [uuidv7()],
    consentToRecord: true as const
  };
}

describe('device database migrations', () => {
  it('opens a version 1 database and finds every conversation and waiting change, in the new shape', async () => {
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_VERSIONS[1]);
    const synced = version1Conversation('The canal', 'More buses');
    const waiting = version1Conversation('Neighbours 😀', '');
    const changeId = uuidv7();
    await old.table('conversations').bulkAdd([
      { ...synced, savedAt: '2026-11-20T10:31:00.000Z' },
      { ...waiting, savedAt: '2026-11-20T11:00:00.000Z' }
    ]);
    await old.table('outbox').add({ changeId, queuedAt: '2026-11-20T11:00:00.000Z', change: { op: 'create', changeId, conversation: waiting } });
    await old.table('settings').put({ key: 'deviceId', value: 'device-1' });
    old.close();

    const db = new DeviceDatabase(name);
    const conversations = await db.conversations.orderBy('savedAt').toArray();
    expect(conversations).toHaveLength(2);
    expect(conversations[0].answers).toEqual([
      { promptId: DEFAULT_PROMPTS[0].id, prompt: DEFAULT_PROMPTS[0].text, text: 'The canal' },
      { promptId: DEFAULT_PROMPTS[1].id, prompt: DEFAULT_PROMPTS[1].text, text: 'More buses' }
    ]);
    expect(conversations[1].answers).toEqual([{ promptId: DEFAULT_PROMPTS[0].id, prompt: DEFAULT_PROMPTS[0].text, text: 'Neighbours 😀' }]);
    expect(conversations[0]).not.toHaveProperty('loves');
    for (const conversation of conversations) {
      const { savedAt: _, ...fields } = conversation;
      expect(Conversation.safeParse(fields).success).toBe(true);
    }
    const [entry] = await db.outbox.toArray();
    expect(entry.conversationId).toBe(waiting.id);
    expect(entry.change.op === 'create' && Conversation.parse(entry.change.conversation).quotes).toEqual(waiting.quotes);
    expect(await countUnsyncedConversations(db)).toBe(1);
    expect(await db.settings.get('deviceId')).toEqual({ key: 'deviceId', value: 'device-1' });
    db.close();
  });
});
