import { describe, expect, it } from 'vitest';
import { formatRecordsPosition, parseRecordsPosition } from '../../../src/lib/domain/conversation-record';

const ID = '01934f6a-8a4e-7c3b-9d2e-3f4a5b6c7d8e';

describe('a position in the pages of /records', () => {
  it('travels in a link and comes back the same', () => {
    const position = { recordedAt: '2026-11-20T10:30:00.000001Z', id: ID };
    expect(parseRecordsPosition(formatRecordsPosition(position))).toEqual(position);
  });

  it.each([
    ['', 'empty'],
    [`2026-11-20T10:30:00Z_${ID}`, 'time without microseconds'],
    [`2026-11-20T10:30:00.000001Z_not-a-uuid`, 'an id that is not a uuid'],
    [`2026-02-31T10:30:00.000000Z_${ID}`, 'a day that does not exist'],
    [`2026-11-20T25:30:00.000000Z_${ID}`, 'an hour that does not exist'],
    [`2026-11-20T10:30:00.000000Z_${ID}'; drop table conversations; --`, 'something after the id'],
    [`2026-11-20T10:30:00.000000+01:00_${ID}`, 'a time not in UTC']
  ])('is refused when it is not one the app wrote: %s (%s)', (text) => {
    expect(parseRecordsPosition(text)).toBeNull();
  });
});
