import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { maySee, redactConversation, redactHistoryEntry, type Viewer } from '../../../src/lib/domain/redaction';
import { makeConversation } from '../../support/conversations';

const armley = uuidv7();
const chapeltown = uuidv7();
const amina = uuidv7();
const ben = uuidv7();
const said = makeConversation({
  wardCode: 'E05011385',
  organisationId: armley,
  followUp: { wanted: true, contact: 'Sam, 0113 496 0000' },
  equality: { ageBand: '25-34', disability: 'no' },
  quotes: [{ text: 'Not for sharing', consentToQuote: false }]
});
const recording = { organisationId: armley, workerId: amina };

const viewers: Record<string, Viewer> = {
  coordinator: { role: 'coordinator' },
  'Armley’s lead': { role: 'lead', organisationId: armley, seesContacts: false },
  'Armley’s lead, allowed to follow up': { role: 'lead', organisationId: armley, seesContacts: true },
  'Chapeltown’s lead': { role: 'lead', organisationId: chapeltown, seesContacts: true },
  'anchor staff': { role: 'staff' },
  'Amina, who recorded it': { role: 'worker', organisationId: armley, workerId: amina },
  'Ben, her colleague': { role: 'worker', organisationId: armley, workerId: ben }
};

describe('what each viewer sees of a conversation', () => {
  it.each([
    ['coordinator', 'everything'],
    ['Armley’s lead', 'no contact, no equality'],
    ['Armley’s lead, allowed to follow up', 'contact, no equality'],
    ['Chapeltown’s lead', 'nothing'],
    ['anchor staff', 'nothing'],
    ['Amina, who recorded it', 'no contact, no equality'],
    ['Ben, her colleague', 'nothing']
  ])('%s sees %s', (name, sees) => {
    const viewer = viewers[name];
    const shown = redactConversation(said, recording, viewer);
    expect(shown === null).toBe(sees === 'nothing');
    expect(maySee(viewer, recording)).toBe(sees !== 'nothing');
    if (!shown) return;
    // What residents said is never withheld from those who may see the conversation, unconsented quotes included.
    expect(shown.answers).toEqual(said.answers);
    expect(shown.quotes).toEqual(said.quotes);
    expect(shown.followUp).toEqual(sees === 'no contact, no equality' ? { wanted: true, withheld: true } : said.followUp);
    expect(shown.equality).toEqual(sees === 'everything' ? said.equality : { withheld: true });
  });

  it('sends an empty value as empty, never as withheld: nothing was asked, so nothing is kept from anyone', () => {
    const nothingAsked = makeConversation({ wardCode: 'E05011385', organisationId: armley });
    expect(redactConversation(nothingAsked, recording, viewers['Amina, who recorded it'])).toMatchObject({ followUp: { wanted: false }, equality: {} });
  });

  it('withholds lost contact details and equality answers in a conversation’s history as in the conversation', () => {
    const lostContact = { field: 'followUp', lostValue: { wanted: true, contact: 'old number' }, lostChangeId: 'a', wonChangeId: 'b', recordedAt: '2026-12-01T10:00:00Z' };
    const lostEquality = { ...lostContact, field: 'equality', lostValue: { sex: 'female' } };
    const lostAnswer = { ...lostContact, field: 'answers', lostValue: [{ text: 'kept' }] };
    const worker = viewers['Amina, who recorded it'];
    expect(redactHistoryEntry(lostContact, worker).lostValue).toEqual({ wanted: true, withheld: true });
    expect(redactHistoryEntry(lostEquality, worker).lostValue).toEqual({ withheld: true });
    expect(redactHistoryEntry(lostAnswer, worker)).toEqual(lostAnswer);
    expect(redactHistoryEntry(lostContact, viewers.coordinator)).toEqual(lostContact);
    expect(redactHistoryEntry(lostContact, viewers['Armley’s lead, allowed to follow up'])).toEqual(lostContact);
  });
});
