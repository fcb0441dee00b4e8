import { expect } from 'vitest';
import { REFERENCE_CODE_PATTERN } from '../../src/lib/domain/reference-code';
import { uuidv7 } from 'uuidv7';
import type { Conversation } from '../../src/lib/domain/conversation';
import type { Change } from '../../src/lib/domain/protocol';
import { DEFAULT_PROMPTS } from '../../src/lib/domain/prompt';

const [LOVES, WOULD_CHANGE] = DEFAULT_PROMPTS;

export function answersOf(loves: string, wouldChange = 'More buses in the evening') {
  return [
    { promptId: LOVES.id, prompt: LOVES.text, text: loves },
    { promptId: WOULD_CHANGE.id, prompt: WOULD_CHANGE.text, text: wouldChange }
  ];
}

export function makeConversation(overrides: Partial<Conversation> & Pick<Conversation, 'wardCode'>): Conversation {
  return {
    id: uuidv7(),
    recordedAt: '2026-11-20T10:30:00.000Z',
    eventId: null,
    organisationId: null,
    answers: answersOf('The park and the library'),
    quotes: [],
    themeIds: [],
    peopleCount: 1,
    equality: {},
    followUp: { wanted: false },
    consentToRecord: true,
    ...overrides
  };
}

/** A create as a tablet sends it, made by `workerId`. */
export const createOf = (conversation: Conversation, workerId: string): Change => ({ op: 'create', changeId: uuidv7(), workerId, conversation });

/**
 * A conversation as the server stores it: one pushed without a reference code is given one from
 * a server block (issue 13), so it comes back with a well-formed code; any other field as sent.
 */
export const storedAs = <C extends Conversation>(conversation: C): C => ({
  ...conversation,
  referenceCode: conversation.referenceCode ?? expect.stringMatching(REFERENCE_CODE_PATTERN)
});
