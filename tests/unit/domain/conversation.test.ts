import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { Conversation } from '../../../src/lib/domain/conversation';
import { PushRequest } from '../../../src/lib/domain/protocol';
import { answersOf, makeConversation } from '../../support/conversations';

const good = makeConversation({ wardCode: 'E05011385', themeIds: [uuidv7()], quotes: [{ text: 'Jobs', consentToQuote: true }] });

function problemsOf(value: unknown): string[] {
  const result = Conversation.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('Conversation schema', () => {
  it('accepts a complete conversation and keeps its text exactly', () => {
    const spaced = { ...good, answers: answersOf('  two spaces, emoji 😀 and right-to-left مرحبا  ') };
    expect(Conversation.parse(spaced)).toEqual(spaced);
  });

  it('accepts ward codes of England, Wales, Scotland and Northern Ireland', () => {
    for (const wardCode of ['E05011385', 'W05000001', 'S13002516', 'N08000101']) {
      expect(problemsOf({ ...good, wardCode })).toEqual([]);
    }
  });

  it.each([
    ['missing consent to record', { consentToRecord: false }, 'consentToRecord: Consent to record is required'],
    ['a ward code that is not a GSS ward code', { wardCode: 'E08000035' }, 'wardCode: A ward code is an ONS GSS code'],
    ['an id that is not a UUIDv7', { id: crypto.randomUUID() }, 'id:'],
    ['a recorded-at that is not a date-time', { recordedAt: 'yesterday' }, 'recordedAt:'],
    ['an empty quote', { quotes: [{ text: '   ', consentToQuote: true }] }, 'quotes.0.text: A quote cannot be empty'],
    ['a quote without its consent answer', { quotes: [{ text: 'Hi' }] }, 'quotes.0.consentToQuote:'],
    ['an over-long answer', { answers: answersOf('x'.repeat(4001)) }, 'answers.0.text: Answers must be 4000 characters or fewer'],
    ['no people', { peopleCount: 0 }, 'peopleCount: At least 1 person'],
    ['a NUL character', { answers: answersOf('before\u0000after') }, 'answers.0.text: Remove the hidden or broken character'],
    ['half an emoji', { quotes: [{ text: 'broken \ud83d paste', consentToQuote: true }] }, 'quotes.0.text: Remove the hidden or broken character'],
    ['a fraction of a person', { peopleCount: 1.5 }, 'peopleCount: Enter a whole number'],
    ['a follow-up with no contact details', { followUp: { wanted: true, contact: ' ' } }, 'followUp.contact: Enter how the resident would like to be contacted'],
    ['an equality answer outside the census categories', { equality: { ethnicity: 'martian' } }, 'equality.ethnicity:'],
    ['an equality question that does not exist', { equality: { religion: 'none' } }, 'equality:'],
    ['a theme listed twice', { themeIds: [good.themeIds[0], good.themeIds[0]] }, 'themeIds: A theme is listed twice']
  ])('refuses %s, naming the field', (_, change, expected) => {
    expect(problemsOf({ ...good, ...change }).join('\n')).toContain(expected);
  });

  it('accepts "prefer not to say" for every equality question', () => {
    const equality = { ageBand: 'prefer-not-to-say', sex: 'prefer-not-to-say', genderIdentity: 'prefer-not-to-say', ethnicity: 'prefer-not-to-say', disability: 'prefer-not-to-say', carer: 'prefer-not-to-say' };
    expect(problemsOf({ ...good, equality })).toEqual([]);
  });

  it('refuses a conversation with no consent field at all', () => {
    const { consentToRecord: _, ...withoutConsent } = good;
    expect(problemsOf(withoutConsent)[0]).toMatch(/^consentToRecord:/);
  });
});

describe('PushRequest schema (protocol v2)', () => {
  const push = { protocol: 2, kind: 'push', changes: [{ op: 'create', changeId: uuidv7(), workerId: uuidv7(), conversation: good }] };

  it('accepts a v2 push of creates, each naming its worker', () => {
    expect(PushRequest.safeParse(push).success).toBe(true);
  });

  it('refuses another protocol version, an empty batch, an unknown operation and a change without its worker', () => {
    expect(PushRequest.safeParse({ ...push, protocol: 1 }).success).toBe(false);
    expect(PushRequest.safeParse({ ...push, changes: [] }).success).toBe(false);
    expect(PushRequest.safeParse({ ...push, changes: [{ ...push.changes[0], op: 'explode' }] }).success).toBe(false);
    const { workerId: _, ...anonymous } = push.changes[0];
    expect(PushRequest.safeParse({ ...push, changes: [anonymous] }).success).toBe(false);
  });

  it('never accepts a withheld value in a change: only what a worker typed goes to the server', () => {
    const change = { op: 'update', changeId: uuidv7(), workerId: uuidv7(), conversationId: uuidv7(), baseRevision: 1 };
    expect(PushRequest.safeParse({ ...push, changes: [{ ...change, fields: { followUp: { wanted: true, withheld: true } } }] }).success).toBe(false);
    expect(PushRequest.safeParse({ ...push, changes: [{ ...change, fields: { equality: { withheld: true } } }] }).success).toBe(false);
  });
});

describe('a new conversation pushed to the server', () => {
  it('is refused with a plain reason when it holds no answer, quote or theme; an edit is not held to it', async () => {
    const { CreateConversation, UpdateConversation } = await import('../../../src/lib/domain/protocol');
    const empty = makeConversation({ wardCode: 'E05011385', answers: answersOf(' ', ''), quotes: [], themeIds: [] });
    const create = { op: 'create', changeId: '01900000-0000-7000-8000-000000000001', workerId: '01900000-0000-7000-8000-000000000002', conversation: empty };
    const refused = CreateConversation.safeParse(create);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['conversation.answers: Add at least one answer, quote or theme before saving']);
    expect(CreateConversation.safeParse({ ...create, conversation: { ...empty, quotes: [{ text: 'Jobs', consentToQuote: false }] } }).success).toBe(true);
    const edit = { op: 'update', changeId: create.changeId, workerId: create.workerId, conversationId: empty.id, baseRevision: 1, fields: { answers: [] } };
    expect(UpdateConversation.safeParse(edit).success).toBe(true);
  });
});
