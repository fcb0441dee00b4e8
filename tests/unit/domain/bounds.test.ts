import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { Answer, Conversation } from '../../../src/lib/domain/conversation';
import { DeviceLabel, WorkerName } from '../../../src/lib/domain/device';
import { Id, IdV7 } from '../../../src/lib/domain/id';
import { CalendarDate, EARLIEST_INSTANT, Instant, LATEST_INSTANT, notInFuture, PAST_DATE_MESSAGE } from '../../../src/lib/domain/instant';
import { ListeningEvent } from '../../../src/lib/domain/listening-event';
import { NetworkName, PrivacyNotice, ThemeNames } from '../../../src/lib/domain/network';
import { Organisation } from '../../../src/lib/domain/organisation';
import { Email, PersonName } from '../../../src/lib/domain/person';
import { PromptText } from '../../../src/lib/domain/prompt';
import { Cursor, PullRequest, UpdateConversation } from '../../../src/lib/domain/protocol';
import { BROKEN_TEXT_MESSAGE, freeText } from '../../../src/lib/domain/text';
import { Ward } from '../../../src/lib/domain/ward';
import { IndicatorName, IndicatorSource } from '../../../src/lib/domain/ward-indicator';
import { makeConversation } from '../../support/conversations';

/** The messages of a refusal, or [] when the value is accepted. */
const messages = (schema: z.ZodMiniType, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

const BROKEN = ['Armley\u0000', '\u0000', 'half an emoji \uD83D', '\uDE00 the other half'];

describe('text: no NUL or lone surrogate anywhere (issue 11)', () => {
  const fields: [string, z.ZodMiniType][] = [
    ['free text', freeText(100, 'too long')],
    ['a prompt', PromptText],
    ['a network name', NetworkName],
    ['a privacy notice', PrivacyNotice],
    ['an organisation name', Organisation.shape.name],
    ['an event name', ListeningEvent.shape.name],
    ['an event place', ListeningEvent.shape.place],
    ['a person’s name', PersonName],
    ['an email address', Email],
    ['a worker’s name', WorkerName],
    ['a tablet’s name', DeviceLabel],
    ['a ward name from a boundary file', Ward.shape.name],
    ['an indicator name', IndicatorName],
    ['an indicator source', IndicatorSource],
    ['a prompt’s wording in an answer', Answer.shape.prompt]
  ];
  it.each(fields)('%s refuses NUL and lone surrogates, saying so', (_, schema) => {
    for (const value of BROKEN) expect(messages(schema, value)).toContain(BROKEN_TEXT_MESSAGE);
  });

  it('keeps every script and emoji exactly as typed', () => {
    for (const value of ['😀👩🏽‍🦱', 'مرحبا', 'ਸਤਿ ਸ੍ਰੀ ਅਕਾਲ', 'Zoë']) expect(freeText(100, 'too long').parse(value)).toBe(value);
  });

  it('names the field in a theme list and counts length in characters as typed', () => {
    expect(messages(ThemeNames, ['Work', 'Health\u0000'])).toEqual([BROKEN_TEXT_MESSAGE]);
    expect(messages(Answer.shape.prompt, 'x'.repeat(301))).toEqual(['A prompt\'s wording must be 300 characters or fewer']);
  });
});

describe('ids: lower-case UUIDs or refused, never rewritten (issue 11)', () => {
  const id = '0190abcd-1234-7abc-8def-0123456789ab';
  it('accepts the canonical form and refuses upper case', () => {
    expect(Id.parse(id)).toBe(id);
    expect(IdV7.parse(id)).toBe(id);
    expect(messages(Id, id.toUpperCase())).toEqual(['An id must be a UUID in lower case']);
    expect(messages(IdV7, id.toUpperCase())).toEqual(['An id must be a UUID in lower case']);
    expect(messages(Conversation, makeConversation({ id: id.toUpperCase(), wardCode: 'E05011385' }))).toEqual(['An id must be a UUID in lower case']);
  });
});

describe('dates: 2000 to 2100 (before 2000 the tablet’s clock is wrong), with an offset of at most 14 hours (issue 11)', () => {
  it.each([EARLIEST_INSTANT, '2000-01-01T00:00:00.000+00:00', '2000-01-01T05:30:00+05:30', LATEST_INSTANT, '2099-12-31T23:59:59.999Z', '2026-11-20T10:30:00.5+14:00'])(
    'accepts %s',
    (value) => expect(messages(Instant, value)).toEqual([])
  );

  it.each([
    ['1999-12-31T23:59:59.999Z', PAST_DATE_MESSAGE],
    ['2000-01-01T00:00:00+00:01', PAST_DATE_MESSAGE],
    ['1970-01-01T00:00:00.000Z', PAST_DATE_MESSAGE],
    ['2100-01-01T00:00:00.001Z', 'A date must be before 2100'],
    ['9999-12-31T23:59:59-05:00', 'A date must be before 2100'],
    ['0000-01-01T00:00:00Z', PAST_DATE_MESSAGE],
    ['0001-01-01T00:00:00+01:00', PAST_DATE_MESSAGE]
  ])('refuses %s: %s', (value, message) => expect(messages(Instant, value)).toEqual([message]));

  it.each(['2026-11-20T10:30:00+15:00', '2026-11-20T10:30:00.1234Z', '2026-11-20T10:30Z', '2026-02-30T10:30:00Z', '2026-11-20 10:30:00Z'])('refuses the form of %s', (value) => {
    expect(messages(Instant, value)[0]).toMatch(/^A date and time must look like 2026-11-20T10:30:00Z/);
  });

  it('lets a push be a day ahead of the server’s clock, no more', () => {
    const now = Date.parse('2026-11-20T12:00:00Z');
    expect(notInFuture('2026-11-21T12:00:00Z', now)).toBe(true);
    expect(notInFuture('2026-11-21T13:00:00+01:00', now)).toBe(true);
    expect(notInFuture('2026-11-21T12:00:00.001Z', now)).toBe(false);
  });

  it('bounds calendar dates too', () => {
    const date = CalendarDate('Enter the date');
    expect(messages(date, '2026-11-20')).toEqual([]);
    expect(messages(date, '0000-01-01')).toEqual(['A date must be between 2000 and 2100']);
    expect(messages(date, '9999-12-31')).toEqual(['A date must be between 2000 and 2100']);
    expect(messages(date, '2026-02-30')).toEqual(['Enter the date']);
  });
});

describe('integers within the database’s columns (issue 11)', () => {
  it('takes a cursor up to PostgreSQL’s largest bigint', () => {
    expect(messages(Cursor, '9223372036854775807')).toEqual([]);
    expect(messages(Cursor, '9223372036854775808')).toEqual(['A cursor is a change sequence number no larger than 9223372036854775807']);
    expect(messages(Cursor, '99999999999999999999')).toEqual(['A cursor is a change sequence number']);
    const pull = { protocol: 2, kind: 'pull', workerId: '0190abcd-1234-7abc-8def-0123456789ab', cursor: '0', limit: 1001 };
    expect(messages(PullRequest, pull)).toHaveLength(1);
  });

  it('takes a base revision up to PostgreSQL’s largest int', () => {
    const update = (baseRevision: number) => ({
      op: 'update',
      changeId: '0190abcd-1234-7abc-8def-0123456789ab',
      workerId: '0190abcd-1234-7abc-8def-0123456789ab',
      conversationId: '0190abcd-1234-7abc-8def-0123456789ab',
      baseRevision,
      fields: { peopleCount: 2 }
    });
    expect(messages(UpdateConversation, update(2147483647))).toEqual([]);
    expect(messages(UpdateConversation, update(2147483648))).toHaveLength(1);
    expect(messages(UpdateConversation, update(1.5))).toEqual(['A revision is a whole number']);
  });
});
