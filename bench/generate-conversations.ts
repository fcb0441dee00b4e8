import { uuidv7 } from 'uuidv7';
import type { Conversation } from '../src/lib/domain/conversation';
import { DEFAULT_PROMPTS } from '../src/lib/domain/prompt';

const PHRASES = [
  'the park by the canal', 'more buses in the evening', 'the library opening hours', 'jobs for young people',
  'safer crossings near the school', 'the community centre', 'cheaper childcare', 'less litter on the high street'
];

/** What generated conversations refer to: the network's wards and themes, and the organisation they are recorded for. */
export interface ConversationRefs {
  wardCodes: string[];
  themeIds: string[];
  /** The tablet's organisation, as the app records every conversation (none: before organisations). */
  organisationId?: string;
}

/** Plausible conversations spread over the given wards and themes, from a seeded sequence. */
export function generateConversations(count: number, refs: ConversationRefs, seed = 1): Conversation[] {
  const { wardCodes, themeIds, organisationId } = refs;
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  return Array.from({ length: count }, () => ({
    id: uuidv7(),
    wardCode: pick(wardCodes),
    recordedAt: new Date(Date.UTC(2026, 10, 1) + Math.floor(next() * 25 * 86_400_000)).toISOString(),
    eventId: null,
    ...(organisationId ? { organisationId } : {}),
    answers: [
      { promptId: DEFAULT_PROMPTS[0].id, prompt: DEFAULT_PROMPTS[0].text, text: `I love ${pick(PHRASES)} and ${pick(PHRASES)}.` },
      { promptId: DEFAULT_PROMPTS[1].id, prompt: DEFAULT_PROMPTS[1].text, text: `I would change ${pick(PHRASES)}.` }
    ],
    peopleCount: next() < 0.1 ? 3 : 1,
    equality: next() < 0.5 ? { ageBand: pick(['16-24', '35-44', '65-74', 'prefer-not-to-say']) } : {},
    followUp: { wanted: false },
    quotes: next() < 0.3 ? [{ text: `We need ${pick(PHRASES)}`, consentToQuote: next() < 0.7 }] : [],
    themeIds: themeIds.filter(() => next() < 0.3),
    consentToRecord: true
  }));
}
