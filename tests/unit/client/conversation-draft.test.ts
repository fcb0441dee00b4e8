import { describe, expect, it } from 'vitest';
import { ConversationDraft, draftHasContent, draftOpening, formPrompts } from '../../../src/lib/client/conversation-draft.svelte';
import { DEFAULT_PROMPTS } from '../../../src/lib/domain/prompt';
import { makeConversation } from '../../support/conversations';

const prompts = [...DEFAULT_PROMPTS];

function filledDraft() {
  const draft = new ConversationDraft();
  draft.values.wardCode = 'E05011385';
  draft.values.consentToRecord = true;
  draft.values.answers[prompts[1].id] = 'More buses';
  return draft;
}

describe('the conversation form’s values', () => {
  it('become conversation fields, leaving out blank answers and quotes and unasked questions', () => {
    const draft = filledDraft();
    draft.values.quotes = [{ text: ' ', consentToQuote: false }, { text: 'Jobs!', consentToQuote: true }];
    draft.values.equality = { ageBand: '25-34', sex: '' };
    draft.values.peopleCount = ' 4 ';
    expect(draft.toFields(prompts)).toEqual({
      wardCode: 'E05011385',
      eventId: null,
      organisationId: null,
      answers: [{ promptId: prompts[1].id, prompt: prompts[1].text, text: 'More buses' }],
      quotes: [{ text: 'Jobs!', consentToQuote: true }],
      themeIds: [],
      peopleCount: 4,
      equality: { ageBand: '25-34' },
      followUp: { wanted: false },
      consentToRecord: true
    });
    expect(draft.errors).toEqual([]);
  });

  it('name each problem against the control that shows it', () => {
    const draft = new ConversationDraft();
    draft.values.answers[prompts[1].id] = 'x'.repeat(4001);
    draft.values.quotes = [{ text: '', consentToQuote: false }, { text: 'y'.repeat(1001), consentToQuote: false }];
    draft.values.peopleCount = 'two';
    draft.values.followUpWanted = true;
    expect(draft.toFields(prompts)).toBeNull();
    expect(draft.errors.map((e) => e.field)).toEqual([
      'consent',
      'ward',
      `answer-${prompts[1].id}`,
      'quote-1',
      'people-count',
      'follow-up-contact'
    ]);
    expect(draft.errorFor('people-count')).toBe('Enter how many people took part, as a number');
  });

  it('round-trip a saved conversation for editing', () => {
    const conversation = makeConversation({ wardCode: 'E05011385', peopleCount: 2, followUp: { wanted: true, contact: 'Sam, 0113 496 0000' } });
    const { id: _, recordedAt: __, ...fields } = conversation;
    expect(ConversationDraft.fromConversation(conversation).toFields(prompts)).toEqual(fields);
  });

  it('keep answers to prompts since archived or reworded, with the wording they were asked with', () => {
    const archived = { promptId: '0190a000-0000-7000-8000-00000000a001', prompt: 'What is the best bus route?', text: 'The 16' };
    const answered = { promptId: prompts[0].id, prompt: 'What do you love about your area?', text: 'The park' };
    const conversation = makeConversation({ wardCode: 'E05011385', answers: [answered, archived] });
    // Today the coordinator has reworded the first prompt and archived the bus one.
    const today = [{ id: prompts[0].id, text: 'What do you love about where you live now?' }, prompts[1]];
    const draft = ConversationDraft.fromConversation(conversation);
    expect(formPrompts(today, draft.values)).toEqual([
      { id: prompts[0].id, text: answered.prompt, noLongerUsed: false },
      { id: prompts[1].id, text: prompts[1].text, noLongerUsed: false },
      { id: archived.promptId, text: archived.prompt, noLongerUsed: true }
    ]);
    draft.values.answers[prompts[1].id] = 'More buses';
    expect(draft.toFields(today)?.answers).toEqual([
      answered,
      { promptId: prompts[1].id, prompt: prompts[1].text, text: 'More buses' },
      archived
    ]);
    // Clearing an archived prompt's answer is the worker's choice: it goes.
    draft.values.answers[archived.promptId] = '';
    expect(draft.toFields(today)?.answers.map((a) => a.promptId)).toEqual([prompts[0].id, prompts[1].id]);
  });

  it('refuse a conversation with no answer, quote or theme, linked to the first answer', () => {
    const draft = new ConversationDraft();
    draft.values.wardCode = 'E05011385';
    draft.values.consentToRecord = true;
    draft.values.answers[prompts[0].id] = '   ';
    draft.values.quotes = [{ text: ' ', consentToQuote: true }];
    expect(draft.toFields(prompts)).toBeNull();
    expect(draft.errors).toEqual([{ field: `answer-${prompts[0].id}`, message: 'Add at least one answer, quote or theme before saving' }]);
    // Any one of the three is enough.
    draft.values.themeIds = ['01900000-0000-7000-8000-0000000000a1'];
    expect(draft.toFields(prompts)).not.toBeNull();
    draft.values.themeIds = [];
    draft.values.quotes = [{ text: 'Jobs', consentToQuote: false }];
    expect(draft.toFields(prompts)).not.toBeNull();
    // An edit is not held to it, so a record kept from before the rule can still be corrected.
    const old = ConversationDraft.fromConversation(makeConversation({ wardCode: 'E05011385', answers: [], quotes: [], themeIds: [] }));
    expect(old.toFields(prompts)).not.toBeNull();
  });

  it('clear each shown error once its field is fixed, without adding new ones while typing', () => {
    const draft = new ConversationDraft();
    expect(draft.toFields(prompts)).toBeNull();
    expect(draft.errors.map((e) => e.field)).toEqual(['consent', 'ward', `answer-${prompts[0].id}`]);
    draft.values.consentToRecord = true;
    draft.revalidate(prompts);
    expect(draft.errors.map((e) => e.field)).toEqual(['ward', `answer-${prompts[0].id}`]);
    draft.values.answers[prompts[1].id] = 'x'.repeat(4001); // says something; its own problem shows on the next save
    draft.revalidate(prompts);
    expect(draft.errors.map((e) => e.field)).toEqual(['ward']);
    draft.values.wardCode = 'E05011385';
    draft.revalidate(prompts);
    expect(draft.errors).toEqual([]);
  });

  it('offer back the first words of the first answer, else of the first quote', () => {
    const draft = new ConversationDraft();
    expect(draftOpening(draft.values, prompts)).toBe('');
    draft.values.quotes = [{ text: 'We need jobs here', consentToQuote: true }];
    expect(draftOpening(draft.values, prompts)).toBe('We need jobs here');
    draft.values.answers[prompts[1].id] = '  More   buses in the evening, and a bench by the stop, and the library open on Sundays  ';
    expect(draftOpening(draft.values, prompts)).toBe('More buses in the evening, and a bench by the stop, and…');
    draft.values.answers[prompts[0].id] = 'The park';
    expect(draftOpening(draft.values, prompts)).toBe('The park');
  });

  it('start the next resident on an empty form, keeping only the event and organisation', () => {
    const draft = filledDraft();
    draft.values.eventId = '01900000-0000-7000-8000-000000000009';
    draft.values.organisationId = '01900000-0000-7000-8000-00000000000a';
    expect(draftHasContent(draft.snapshot())).toBe(true);
    expect(draft.toFields(prompts)?.organisationId).toBe('01900000-0000-7000-8000-00000000000a');
    draft.values.themeIds = ['01900000-0000-7000-8000-0000000000b1'];
    draft.values.equality = { ageBand: '25-34' };
    draft.values.quotes = [{ text: 'Jobs', consentToQuote: true }];
    draft.startNext();
    expect(draft.values.wardCode).toBe('');
    expect(draft.values.consentToRecord).toBe(false);
    expect(draft.values.answers).toEqual({});
    expect(draft.values.quotes).toEqual([]);
    expect(draft.values.themeIds).toEqual([]);
    expect(draft.values.equality).toEqual({});
    expect(draft.values.eventId).toBe('01900000-0000-7000-8000-000000000009');
    expect(draft.values.organisationId).toBe('01900000-0000-7000-8000-00000000000a');
    expect(draftHasContent(draft.snapshot())).toBe(false);
  });
});
