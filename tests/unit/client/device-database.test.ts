import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { DeviceDatabase, SCHEMA_VERSIONS } from '../../../src/lib/client/db/database';
import { editConversation } from '../../../src/lib/client/db/conversations';
import { adoptUnattributed, draftKey } from '../../../src/lib/client/db/tablet';
import { cachedMapData, keepMapData } from '../../../src/lib/client/db/map-data';
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

  it('opens a version 2 database (before organisations and the map) with everything kept, and editing an old conversation queues only what changed', async () => {
    const old = new Dexie(name);
    old.version(2).stores(SCHEMA_VERSIONS[2]);
    const { loves: _l, wouldChange: _w, ...base } = version1Conversation('', '');
    const stored = { ...base, eventId: null, answers: [], peopleCount: 1, equality: {}, followUp: { wanted: false }, revision: 1, savedAt: '2026-11-20T10:31:00.000Z' };
    await old.table('conversations').add(stored);
    old.close();

    const db = new DeviceDatabase(name);
    expect(await db.conversations.get(stored.id)).toEqual(stored);
    // The first worker to unlock the tablet after the update takes on what was saved before accounts.
    const [worker, organisation] = [uuidv7(), uuidv7()];
    await adoptUnattributed(db, worker, organisation);
    expect(await db.conversations.get(stored.id)).toEqual({ ...stored, workerId: worker, organisationId: organisation });
    const { savedAt: _s, revision: _r, id: _i, recordedAt: _t, ...fields } = stored;
    await editConversation(db, stored.id, { ...fields, organisationId: organisation, peopleCount: 2 } as never, worker);
    const [update] = await db.outbox.toArray();
    expect(update.change).toMatchObject({ op: 'update', workerId: worker, fields: { peopleCount: 2 } });
    expect(update.change.op === 'update' && Object.keys(update.change.fields)).toEqual(['peopleCount']);

    const answer = { filters: { themeId: uuidv7() }, wards: [], indicators: [], minimumConversations: 5 };
    await keepMapData(db, { key: 'theme=x', data: answer, etag: '"1"', fetchedAt: '2026-11-20T12:00:00.000Z' });
    expect((await cachedMapData(db, 'theme=x'))?.data).toEqual(answer);
    db.close();
  });

  it('opens a version 3 database (before accounts): its waiting changes, conversations and draft go to the first worker who unlocks, for the tablet’s organisation', async () => {
    const old = new Dexie(name);
    old.version(2).stores(SCHEMA_VERSIONS[2]);
    old.version(3).stores(SCHEMA_VERSIONS[3]);
    const { loves: _l, wouldChange: _w, ...base } = version1Conversation('', '');
    const conversation = { ...base, eventId: null, organisationId: null, answers: [], peopleCount: 1, equality: {}, followUp: { wanted: false } };
    const changeId = uuidv7();
    await old.table('conversations').add({ ...conversation, revision: 1, savedAt: '2026-11-20T10:31:00.000Z' });
    await old.table('outbox').add({ changeId, conversationId: conversation.id, queuedAt: '2026-11-20T10:31:00.000Z', change: { op: 'create', changeId, conversation } });
    await old.table('drafts').put({ key: 'new-conversation', values: { wardCode: 'E05011385' }, updatedAt: '2026-11-20T10:32:00.000Z' });
    old.close();

    const db = new DeviceDatabase(name);
    expect(await db.outbox.count()).toBe(1);
    const [worker, organisation] = [uuidv7(), uuidv7()];
    await adoptUnattributed(db, worker, organisation);
    const [entry] = await db.outbox.toArray();
    expect(entry.change).toMatchObject({ op: 'create', workerId: worker, conversation: { id: conversation.id, organisationId: organisation } });
    expect((await db.conversations.where('workerId').equals(worker).toArray()).map((c) => c.id)).toEqual([conversation.id]);
    expect(await db.drafts.get('new-conversation')).toBeUndefined();
    expect((await db.drafts.get(draftKey(worker)))?.values).toEqual({ wardCode: 'E05011385' });
    // A second worker takes on nothing more.
    await adoptUnattributed(db, uuidv7(), uuidv7());
    expect((await db.outbox.toArray())[0].change.workerId).toBe(worker);
    db.close();
  });
});
