import fc from 'fast-check';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_MAX_LENGTH, CONTACT_MAX_LENGTH, NewConversation, type Conversation, PROMPT_WORDING_MAX_LENGTH, QUOTE_MAX_LENGTH } from '../../../src/lib/domain/conversation';
import { EQUALITY_QUESTIONS } from '../../../src/lib/domain/equality-monitoring';
import { CLOCK_SKEW_MS, EARLIEST_INSTANT, FUTURE_DATE_MESSAGE } from '../../../src/lib/domain/instant';
import { PullResult } from '../../../src/lib/domain/protocol';
import { DEFAULT_PROMPTS } from '../../../src/lib/domain/prompt';
import { codeInBlock } from '../../../src/lib/domain/reference-code';
import { redactConversation } from '../../../src/lib/domain/redaction';
import { isStorableText } from '../../../src/lib/domain/text';
import type { Store } from '../../../src/lib/server/store';
import { handlePull } from '../../../src/lib/server/sync/pull-handler';
import { handlePush } from '../../../src/lib/server/sync/push-handler';
import { useEnglishValidationMessages } from '../../../src/lib/server/zod-messages';
import { makeConversation } from '../../support/conversations';
import { fuzzSeed } from '../../support/malformed-input';
import { deviceCallerOf } from '../../support/in-process-server';
import { enrolTablet, seedNetwork, type SeededNetwork, type SeededTablet } from '../../support/seed-network';

/**
 * Issue 11: what the server accepts it can always send back in a form every app accepts. Any
 * conversation within the schema's bounds (any storable text, emoji, right-to-left and Gurmukhi
 * scripts, every length up to the maximum, dates at both ends of the range with any offset) is
 * pushed through the push handler as a tablet sends it, pulled by another tablet of the same
 * organisation through the pull handler, parsed with the app's own PullResult, and compared.
 *
 * The server keeps `recordedAt` as an instant and sends it back in UTC with milliseconds
 * ("2026-11-20T09:30:00.000Z" for "2026-11-20T10:30:00+01:00"), so recordedAt is compared as
 * an instant; everything else must come back exactly as sent (contact details and equality
 * answers withheld, as a pull always sends them, and stored exactly as sent).
 */
const RUNS = Number(process.env.ROUND_TRIP_RUNS ?? 100);

const SCRIPTS = ['😀👩🏽‍🦱🇬🇧', 'مرحبا بالعالم', 'שלום עולם', 'ਸਤਿ ਸ੍ਰੀ ਅਕਾਲ', 'Zoë – “quoted” · café', '\u200f\u202etext', 'a\tb\r\nc', '\ufeff', '\u{10ffff}'];

/** Storable text of at most `max` UTF-16 units, often at the edges. */
function text(max: number, notBlank = false): fc.Arbitrary<string> {
  const any = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.array(fc.constantFrom(...SCRIPTS), { maxLength: 6 }).map((parts) => parts.join(' ')),
    fc.constantFrom('x'.repeat(max), '😀'.repeat(Math.floor(max / 2)), 'ਅ'.repeat(max), ' '.repeat(max - 1) + '.')
  );
  return any.map((value) => value.slice(0, max)).filter((value) => isStorableText(value) && (!notBlank || value.trim().length > 0));
}

const OFFSETS = ['Z', '+00:00', '-00:00', '+14:00', '-14:00', '+05:30', '-09:30', '+13:45', '-12:00'];

/** An instant within [2000-01-01, server now + 1 day], often at the ends, written with an offset. */
function recordedAt(now: number): fc.Arbitrary<string> {
  const earliest = Date.parse(EARLIEST_INSTANT);
  const instant = fc.oneof(
    fc.constantFrom(earliest, earliest + 1, now, now + CLOCK_SKEW_MS - 60_000),
    fc.integer({ min: earliest, max: now + CLOCK_SKEW_MS - 60_000 })
  );
  return fc.tuple(instant, fc.constantFrom(...OFFSETS), fc.boolean()).map(([time, offset, withMs]) => {
    const minutes = offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4)));
    const local = new Date(time + minutes * 60_000).toISOString().slice(0, withMs ? 23 : 19);
    return `${local}${offset}`;
  });
}

const equalityAnswers = fc.record(
  Object.fromEntries(Object.entries(EQUALITY_QUESTIONS).map(([key, question]) => [key, fc.constantFrom(...question.options.map((o) => o.value))])),
  { requiredKeys: [] }
);

function conversation(seeded: SeededNetwork, reference: { themeIds: string[]; wardCodes: string[] }, now: number): fc.Arbitrary<Conversation> {
  return fc
    .record({
      id: fc.uuid({ version: 7 }),
      recordedAt: recordedAt(now),
      wardCode: fc.constantFrom(...reference.wardCodes),
      eventId: fc.constant(null),
      organisationId: fc.constant(seeded.organisations.armley.id),
      answers: fc.array(
        fc.record({ promptId: fc.constantFrom(...DEFAULT_PROMPTS.map((p) => p.id)), prompt: text(PROMPT_WORDING_MAX_LENGTH), text: text(ANSWER_MAX_LENGTH) }),
        { maxLength: 10 }
      ),
      quotes: fc.array(fc.record({ text: text(QUOTE_MAX_LENGTH, true), consentToQuote: fc.boolean() }), { maxLength: 20 }),
      themeIds: fc.subarray(reference.themeIds),
      peopleCount: fc.integer({ min: 1, max: 50 }),
      equality: equalityAnswers,
      followUp: fc.oneof(fc.constant({ wanted: false as const }), text(CONTACT_MAX_LENGTH, true).map((contact) => ({ wanted: true as const, contact }))),
      consentToRecord: fc.constant(true as const)
    })
    .filter((made) => NewConversation.safeParse(made).success) as fc.Arbitrary<Conversation>;
}

export function describeRoundTrip(kind: string, openEmptyStore: () => Promise<Store>) {
  describe(`push then pull on ${kind} (issue 11)`, () => {
    let store: Store;
    let seeded: SeededNetwork;
    let puller: SeededTablet;
    let reference: { themeIds: string[]; wardCodes: string[] };
    /** The pushing tablet's reference-code block, and the next code it gives (issue 13). */
    let block: string;
    let codeNumber = 0;
    const nextCode = () => codeInBlock(block, codeNumber++);
    beforeAll(async () => {
      useEnglishValidationMessages();
      store = await openEmptyStore();
      seeded = await seedNetwork(store);
      puller = await enrolTablet(store, seeded.network.id, seeded.organisations.armley.id, 'Second tablet', seeded.people.coordinator.id);
      const data = (await store.getReferenceData())!;
      reference = { themeIds: data.themes.map((t) => t.id), wardCodes: data.wards.map((w) => w.code) };
      [block] = await store.referenceCodes.deviceCodeBlocks(seeded.network.id, seeded.tablet.id, { more: false });
    });
    afterAll(() => store?.close());

    it('gives back every conversation within the bounds, as the app parses it, equal to what was pushed', async () => {
      const pusher = await deviceCallerOf(store, seeded.tablet);
      const pulling = await deviceCallerOf(store, puller);
      const worker = seeded.workers.amina.id;
      let cursor = '0';
      let changeNumber = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(conversation(seeded, reference, Date.now()), { minLength: 1, maxLength: 5 }), fc.uuid({ version: 7 }), async (generated, changeSeed) => {
          // Each with the next code of the tablet's block, as the tablet gives them.
          const batch = generated.map((c) => ({ ...c, referenceCode: nextCode() }));
          const changes = batch.map((c) => ({ op: 'create' as const, changeId: `${changeSeed.slice(0, 24)}${String(++changeNumber).padStart(12, '0')}`, workerId: worker, conversation: c }));
          // As a tablet sends it: JSON, through the push handler.
          const pushed = await handlePush(store, { json: JSON.parse(JSON.stringify({ protocol: 2, kind: 'push', changes })) }, pusher, {});
          expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);

          const reply = await handlePull(store, { json: { protocol: 2, kind: 'pull', workerId: worker, cursor } }, pulling);
          expect(reply.status).toBe(200);
          const pulled = PullResult.parse(JSON.parse(JSON.stringify(reply.body)));
          cursor = pulled.cursor;
          const byId = new Map(pulled.conversations.map((p) => [p.id, p.conversation]));
          const stored = new Map((await store.conversationsByIds(batch.map((c) => c.id))).map((c) => [c.id, c]));
          for (const sent of batch) {
            const back = byId.get(sent.id);
            expect(back, `conversation ${sent.id} was not pulled`).toBeTruthy();
            expect(Date.parse(back!.recordedAt)).toBe(Date.parse(sent.recordedAt));
            const recording = { organisationId: seeded.organisations.armley.id, workerId: worker };
            const expected = redactConversation(sent, recording, { role: 'worker', ...recording })!;
            expect({ ...back, recordedAt: sent.recordedAt }).toEqual(expected);
            expect({ ...stored.get(sent.id), recordedAt: sent.recordedAt }).toEqual(sent);
          }
        }),
        { seed: fuzzSeed(`${kind} round trip`), numRuns: RUNS }
      );
    });

    const create = (conversation: Conversation, changeId: string) => ({ op: 'create' as const, changeId, workerId: seeded.workers.amina.id, conversation });
    const push = async (...changes: ReturnType<typeof create>[]) =>
      handlePush(store, { json: { protocol: 2, kind: 'push', changes } }, await deviceCallerOf(store, seeded.tablet), {});
    const armley = (fields: Partial<Conversation>) =>
      makeConversation({ wardCode: 'E05011385', organisationId: seeded.organisations.armley.id, referenceCode: nextCode(), ...fields });

    it('refuses a conversation dated more than a day after the server’s clock, telling the worker to set the tablet’s clock', async () => {
      const ahead = armley({ recordedAt: new Date(Date.now() + CLOCK_SKEW_MS + 60_000).toISOString() });
      const reply = await push(create(ahead, uuidv7()));
      expect(reply.status).toBe(422);
      expect(reply.body).toMatchObject({ error: { reason: 'invalid', rejected: [{ message: `conversation.recordedAt: ${FUTURE_DATE_MESSAGE}` }] } });
      expect(await store.conversationsByIds([ahead.id])).toEqual([]);
      const nearlyADay = armley({ recordedAt: new Date(Date.now() + CLOCK_SKEW_MS - 60_000).toISOString() });
      expect((await push(create(nearlyADay, uuidv7()))).status).toBe(200);
    });

    it('creates once a conversation a batch creates twice, with its follow-up contact (a create queued again)', async () => {
      const wanted = armley({ followUp: { wanted: true, contact: 'Call after 6pm' } });
      const changeId = uuidv7();
      const reply = await push(create(wanted, changeId), create(wanted, changeId), create(wanted, uuidv7()));
      expect(reply.status).toBe(200);
      expect(await store.conversationsByIds([wanted.id])).toEqual([wanted]);
    });
  });
}
