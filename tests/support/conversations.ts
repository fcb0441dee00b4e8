import { uuidv7 } from 'uuidv7';
import type { Conversation } from '../../src/lib/domain/conversation';

export function makeConversation(overrides: Partial<Conversation> & Pick<Conversation, 'wardCode'>): Conversation {
  return {
    id: uuidv7(),
    recordedAt: '2026-11-20T10:30:00.000Z',
    loves: 'The park and the library',
    wouldChange: 'More buses in the evening',
    quotes: [],
    themeIds: [],
    consentToRecord: true,
    ...overrides
  };
}
