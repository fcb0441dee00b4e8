import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIVACY_NOTICE } from '../../../src/lib/domain/network';
import { DEFAULT_PROMPTS } from '../../../src/lib/domain/prompt';
import {
  MAX_PROMPTS,
  checkEventId,
  checkContactRetention,
  checkMapMinimum,
  checkNewEvent,
  checkPrivacyNotice,
  checkPrompts,
  checkSuppressionThreshold,
  checkResidentContact
} from '../../../src/lib/server/network-settings';

const [love, change] = DEFAULT_PROMPTS;

describe('checkResidentContact (issue 13)', () => {
  it('keeps how residents contact the network, trimmed, and an empty field as none', () => {
    expect(checkResidentContact('  privacy@leeds-anchors.example ')).toEqual({ ok: true, value: 'privacy@leeds-anchors.example' });
    expect(checkResidentContact('   ')).toEqual({ ok: true, value: null });
  });

  it('refuses more than 200 characters or a broken character, naming the field', () => {
    expect(checkResidentContact('x'.repeat(201))).toEqual({
      ok: false,
      errors: [{ field: 'resident-contact', message: 'How residents contact you must be 200 characters or fewer' }]
    });
    expect(checkResidentContact('call \u0000 us')).toMatchObject({ ok: false, errors: [{ field: 'resident-contact' }] });
  });
});

describe('checkPrivacyNotice', () => {
  it('keeps the network’s own wording, trimmed', () => {
    expect(checkPrivacyNotice('  We keep what you say safe.\n')).toEqual({ ok: true, value: 'We keep what you say safe.' });
  });

  it.each([
    ['an empty field', ''],
    ['only spaces', '   \n '],
    ['the default wording unchanged', DEFAULT_PRIVACY_NOTICE]
  ])('stores null (the default wording) for %s', (_, text) => {
    expect(checkPrivacyNotice(text)).toEqual({ ok: true, value: null });
  });

  it('refuses a notice that is too long, naming the field', () => {
    expect(checkPrivacyNotice('x'.repeat(3001))).toEqual({
      ok: false,
      errors: [{ field: 'privacy-notice', message: 'The privacy notice must be 3000 characters or fewer' }]
    });
  });
});

describe('checkPrompts', () => {
  it('keeps the order, the ids of existing prompts, and drops blank rows', () => {
    const result = checkPrompts([
      { id: love.id, text: love.text },
      { id: '', text: '   ' },
      { id: change.id, text: ' What would make it better? ' },
      { id: '', text: 'Who helps you most?' }
    ]);
    expect(result).toEqual({
      ok: true,
      value: [
        { id: love.id, text: love.text },
        { id: change.id, text: 'What would make it better?' },
        { text: 'Who helps you most?' }
      ]
    });
  });

  it.each([
    ['no rows', []],
    ['only blank rows', [{ id: love.id, text: '' }, { id: '', text: '  ' }]]
  ])('asks to keep at least one prompt for %s, linked to the first input', (_, rows) => {
    expect(checkPrompts(rows)).toEqual({ ok: false, errors: [{ field: 'prompt-1', message: 'Keep at least one prompt' }] });
  });

  it('names each bad row by its input, counting blank rows before it', () => {
    const result = checkPrompts([
      { id: '', text: '' },
      { id: '', text: 'x'.repeat(301) },
      { id: '', text: 'Who helps you?' },
      { id: '', text: 'who helps YOU?' }
    ]);
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'prompt-2', message: 'A prompt must be 300 characters or fewer' },
        { field: 'prompt-4', message: 'Each prompt must be different' }
      ]
    });
  });

  it('makes a row with a malformed or repeated id a new prompt', () => {
    const result = checkPrompts([
      { id: love.id, text: 'One' },
      { id: love.id, text: 'Two' },
      { id: 'not-an-id', text: 'Three' }
    ]);
    expect(result).toEqual({ ok: true, value: [{ id: love.id, text: 'One' }, { text: 'Two' }, { text: 'Three' }] });
  });

  it(`refuses more than ${MAX_PROMPTS} prompts`, () => {
    const rows = Array.from({ length: MAX_PROMPTS + 1 }, (_, i) => ({ id: '', text: `Question ${i + 1}` }));
    expect(checkPrompts(rows)).toEqual({
      ok: false,
      errors: [{ field: `prompt-${MAX_PROMPTS + 1}`, message: `A network can have at most ${MAX_PROMPTS} prompts` }]
    });
  });
});

describe('checkNewEvent', () => {
  const day = (text: string) => {
    const [d, m, y] = text.split('/');
    return { day: d ?? '', month: m ?? '', year: y ?? '' };
  };

  it('returns the event to store, trimmed, with an optional place and the date typed as day, month and year', () => {
    expect(checkNewEvent({ name: ' Armley Tuesday drop-in ', date: day('24/11/2026'), place: ' Armley Library ' })).toEqual({
      ok: true,
      value: { name: 'Armley Tuesday drop-in', date: '2026-11-24', place: 'Armley Library' }
    });
    expect(checkNewEvent({ name: 'Gala', date: day(' 1/June/2026 '), place: '' })).toEqual({
      ok: true,
      value: { name: 'Gala', date: '2026-06-01', place: '' }
    });
  });

  it('names every missing field, in the order of the form, the date linked to its day', () => {
    expect(checkNewEvent({ name: ' ', date: day(''), place: 'p'.repeat(151) })).toEqual({
      ok: false,
      errors: [
        { field: 'event-name', message: 'Enter the event’s name' },
        { field: 'event-date-day', message: 'Enter the event’s date', parts: ['day', 'month', 'year'] },
        { field: 'event-place', message: 'A place must be 150 characters or fewer' }
      ]
    });
  });

  it.each([
    ['30/2/2026', 'The event’s date must be a real date', ['day', 'month', 'year']],
    ['31/4/2026', 'The event’s date must be a real date', ['day', 'month', 'year']],
    ['24/13/2026', 'The event’s date must be a real date', ['month']],
    ['24//2026', 'The event’s date must include a month', ['month']],
    ['24/11/26', 'Year must include 4 numbers', ['year']],
    ['24/11/1999', 'The event’s date must be between 1 January 2000 and 31 December 2099', ['day', 'month', 'year']]
  ])('says what is wrong with %s and which boxes to fix', (date, message, parts) => {
    expect(checkNewEvent({ name: 'Gala', date: day(date), place: '' })).toEqual({
      ok: false,
      errors: [{ field: `event-date-${parts[0]}`, message, parts }]
    });
  });
});

describe('checkEventId', () => {
  it('accepts an event id and refuses anything else', () => {
    expect(checkEventId(love.id)).toEqual({ ok: true, value: love.id });
    expect(checkEventId('1; drop table')).toEqual({
      ok: false,
      errors: [{ field: 'events', message: 'Choose an event from the list to archive' }]
    });
  });
});

describe('checkMapMinimum', () => {
  it.each([
    ['5', 5],
    [' 1 ', 1],
    ['100', 100],
    ['007', 7]
  ])('keeps %j as %d conversations', (typed, minimum) => {
    expect(checkMapMinimum(typed)).toEqual({ ok: true, value: minimum });
  });

  it.each([
    ['', 'Enter how many conversations a ward needs before the map shows its share'],
    ['five', 'Enter the number of conversations as a whole number, like 5'],
    ['2.5', 'Enter the number of conversations as a whole number, like 5'],
    ['-3', 'Enter the number of conversations as a whole number, like 5'],
    ['0', 'The number of conversations must be between 1 and 100'],
    ['101', 'The number of conversations must be between 1 and 100'],
    ['99999999999999999999', 'The number of conversations must be between 1 and 100']
  ])('refuses %j in plain words, naming the field', (typed, message) => {
    expect(checkMapMinimum(typed)).toEqual({ ok: false, errors: [{ field: 'map-minimum-conversations', message }] });
  });
});

describe('checkContactRetention (issue 13)', () => {
  it.each([
    ['12', 12],
    [' 1 ', 1],
    ['60', 60],
    ['024', 24]
  ])('keeps %j as %d months', (typed, months) => {
    expect(checkContactRetention(typed)).toEqual({ ok: true, value: months });
  });

  it.each([
    ['', 'Enter how many months to keep follow-up contact details'],
    ['twelve', 'Enter the months as a whole number, like 12'],
    ['1.5', 'Enter the months as a whole number, like 12'],
    ['-3', 'Enter the months as a whole number, like 12'],
    ['0', 'The months must be between 1 and 60 (5 years)'],
    ['61', 'The months must be between 1 and 60 (5 years)'],
    ['99999999999999999999', 'The months must be between 1 and 60 (5 years)']
  ])('refuses %j in plain words, naming the field', (typed, message) => {
    expect(checkContactRetention(typed)).toEqual({ ok: false, errors: [{ field: 'contact-retention-months', message }] });
  });
});

describe('checkSuppressionThreshold', () => {
  it.each([
    ['10', 10],
    [' 5 ', 5],
    ['100', 100],
    ['012', 12]
  ])('keeps %j as a threshold of %d', (typed, threshold) => {
    expect(checkSuppressionThreshold(typed)).toEqual({ ok: true, value: threshold });
  });

  it.each([
    ['', 'Enter the smallest number of people a figure may show'],
    ['ten', 'Enter the number as a whole number, like 10'],
    ['7.5', 'Enter the number as a whole number, like 10'],
    ['-10', 'Enter the number as a whole number, like 10'],
    ['4', 'The number must be between 5 and 100'],
    ['0', 'The number must be between 5 and 100'],
    ['101', 'The number must be between 5 and 100'],
    ['99999999999999999999', 'The number must be between 5 and 100']
  ])('refuses %j in plain words, naming the field', (typed, message) => {
    expect(checkSuppressionThreshold(typed)).toEqual({ ok: false, errors: [{ field: 'suppression-threshold', message }] });
  });
});
