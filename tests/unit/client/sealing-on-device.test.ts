import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { ConversationDraft, draftHasContent, type DraftValues } from '../../../src/lib/client/conversation-draft.svelte';
import { DeviceDatabase } from '../../../src/lib/client/db/database';
import { DeviceConversations, SaveError } from '../../../src/lib/client/device-conversations.svelte';
import { NO_SEALING_KEY_MESSAGE } from '../../../src/lib/client/sealing';
import { pushOutbox } from '../../../src/lib/client/sync/push-outbox';
import type { SealingPublicKey } from '../../../src/lib/domain/sealed';
import { currentSealingKey } from '../../../src/lib/server/sealing-keys';
import { openStore, type Store } from '../../../src/lib/server/store';
import { DEFAULT_PROMPTS } from '../../../src/lib/domain/prompt';
import { deviceCallerOf, inProcessSyncFetch } from '../../support/in-process-server';
import { seedNetwork, type SeededNetwork } from '../../support/seed-network';

const CONTACT = 'Grace Mensah, 07700 900456';
const prompts = [...DEFAULT_PROMPTS];

let store: Store;
let seeded: SeededNetwork;
let key: SealingPublicKey;
let db: DeviceDatabase;
let worker: string;

beforeAll(async () => {
  store = await openStore({});
  seeded = await seedNetwork(store);
  worker = seeded.workers.amina.id;
  key = await currentSealingKey(store, {});
});
afterAll(() => store.close());
beforeEach(async () => {
  db = new DeviceDatabase(`device-${uuidv7()}`);
  return () => db.delete();
});

/** Every record of every object store on the tablet, as one text. */
async function everythingOnTheTablet(): Promise<string> {
  const tables = await Promise.all(db.tables.map(async (table) => JSON.stringify(await table.toArray())));
  return tables.join('\n');
}

/** A form as a worker fills it: an answer, contact details and two equality answers. */
function typedForm(): ConversationDraft {
  const draft = new ConversationDraft();
  draft.values.consentToRecord = true;
  draft.values.wardCode = 'E05011385';
  draft.values.organisationId = seeded.organisations.armley.id;
  draft.values.answers[prompts[0].id] = 'The allotments on Town Street';
  draft.values.followUpWanted = true;
  draft.values.contact = CONTACT;
  draft.values.equality = { ethnicity: 'black-african', carer: '10-to-19-hours' };
  return draft;
}

/** fetch as the tablet's browser sees it: requests reach the real push handler and its store. */
const serverFetch: typeof fetch = async (input, init) => {
  const tablet = await deviceCallerOf(store, seeded.tablet);
  return inProcessSyncFetch(store, () => tablet)(input, init);
};

describe('contact details and equality answers on the tablet (issue 13, point 5)', () => {
  it('are sealed in the draft: the restored form says they were given, offers to replace them, and saves them unread', async () => {
    const conversations = new DeviceConversations(db, () => {}, () => worker, () => key);
    const typed = typedForm();
    await conversations.keepDraft(typed.snapshot());
    const kept = await everythingOnTheTablet();
    expect(kept).not.toContain('Mensah');
    expect(kept).not.toContain('black-african');

    const restored = new ConversationDraft();
    restored.restore((await conversations.loadDraft())!.values);
    expect(draftHasContent(restored.values)).toBe(true);
    expect(restored.values).toMatchObject({ contact: '', contactWithheld: true, equality: {}, equalityWithheld: true });
    expect(restored.values.sealedContact).toBeDefined();

    await conversations.saveNew(restored.toFields(prompts)!);
    expect(await everythingOnTheTablet()).not.toContain('Mensah');
    await pushOutbox({ db, fetch: serverFetch });
    const [saved] = await db.conversations.toArray();
    const onServer = await store.residentRequests.find(seeded.network.id, saved.id);
    expect(JSON.stringify(onServer)).toContain(CONTACT);
    expect(JSON.stringify(onServer)).toContain('black-african');
  });

  it('are sealed when a conversation is saved straight from the form, in the conversation and the outbox alike', async () => {
    const conversations = new DeviceConversations(db, () => {}, () => worker, () => key);
    await conversations.saveNew(typedForm().toFields(prompts)!);
    const onTablet = await everythingOnTheTablet();
    expect(onTablet).not.toContain('Mensah');
    expect(onTablet).not.toContain('10-to-19-hours');
    const [entry] = await db.outbox.toArray();
    expect(entry.change.op === 'create' && 'sealed' in entry.change.conversation.followUp).toBe(true);
  });

  it('replace the sealed ones when new contact details are typed over a restored draft', async () => {
    const conversations = new DeviceConversations(db, () => {}, () => worker, () => key);
    await conversations.keepDraft(typedForm().snapshot());
    const first = (await conversations.loadDraft())!.values;
    const retyped: DraftValues = { ...first, contact: 'Grace, grace@example.org' };
    await conversations.keepDraft(retyped);
    const second = (await conversations.loadDraft())!.values;
    expect(second.sealedContact).toBeDefined();
    expect(second.sealedContact).not.toEqual(first.sealedContact);
    expect(await everythingOnTheTablet()).not.toContain('grace@example.org');
  });

  it('are never kept readable by a tablet without the key yet: the save says what to do and writes nothing; the draft leaves them out', async () => {
    const conversations = new DeviceConversations(db, () => {}, () => worker, () => null);
    await expect(conversations.saveNew(typedForm().toFields(prompts)!)).rejects.toThrow(new SaveError(NO_SEALING_KEY_MESSAGE));
    expect(await db.conversations.count()).toBe(0);
    await conversations.keepDraft(typedForm().snapshot());
    const kept = await everythingOnTheTablet();
    expect(kept).not.toContain('Mensah');
    expect(kept).not.toContain('black-african');
    expect(kept).toContain('The allotments on Town Street');
  });
});
