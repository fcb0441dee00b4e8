import { describe, expect, it } from 'vitest';
import { isRaised } from '../../../src/lib/domain/not-yet-answered';
import { mayEditResponse, ResponseFields, ResponseUpdateFields } from '../../../src/lib/domain/response';

const valid = {
  organisationId: '01900000-0000-7000-8000-000000000001',
  themeId: '01900000-0000-7000-8000-000000000002',
  wholeNetwork: false,
  wardCodes: ['E05011385'],
  action: 'A jobs fair',
  dueBy: '2027-03-31',
  status: 'planned',
  visibility: 'public',
  quotes: []
};
const messages = (input: unknown) => {
  const parsed = ResponseFields.safeParse(input);
  return parsed.success ? [] : [...new Set(parsed.error.issues.map((i) => i.message))];
};

describe('responses (issue 15)', () => {
  it('needs a ward or the whole network, words for what will be done, and a reason when it is not possible', () => {
    expect(messages(valid)).toEqual([]);
    expect(messages({ ...valid, wardCodes: [] })).toEqual(['Choose at least one ward, or the whole network']);
    expect(messages({ ...valid, wardCodes: [], wholeNetwork: true })).toEqual([]);
    expect(messages({ ...valid, action: '   ' })).toEqual(['Say what your organisation will do']);
    expect(messages({ ...valid, status: 'not-possible' })).toEqual(['Say why it is not possible: residents will read this']);
    expect(messages({ ...valid, status: 'not-possible', reason: 'The library closed' })).toEqual([]);
    expect(messages({ ...valid, themeId: '' })).toEqual(['Choose one of the network’s themes']);
    expect(messages({ ...valid, quotes: [{ wardCode: 'E05011385', digest: 'not-a-digest' }] })).toEqual(['That quote could not be found. Reload the page and choose again.']);
    expect(ResponseUpdateFields.safeParse({ status: 'done', note: '' }).success).toBe(false);
    expect(ResponseUpdateFields.safeParse({ status: 'done', note: 'Held on 3 February' }).success).toBe(true);
  });

  it('lets a coordinator edit any response, anchor staff only their organisation’s, and leads none', () => {
    const response = { organisationId: 'armley' };
    expect(mayEditResponse({ role: 'coordinator', organisationId: null }, response)).toBe(true);
    expect(mayEditResponse({ role: 'staff', organisationId: 'armley' }, response)).toBe(true);
    expect(mayEditResponse({ role: 'staff', organisationId: 'chapeltown' }, response)).toBe(false);
    expect(mayEditResponse({ role: 'staff', organisationId: null }, response)).toBe(false);
    expect(mayEditResponse({ role: 'lead', organisationId: 'armley' }, response)).toBe(false);
  });

  it('counts a theme as raised in a ward from the share and the map’s minimum conversations', () => {
    expect(isRaised({ conversations: 10, withTheme: 3 }, 5, 0.25)).toBe(true);
    expect(isRaised({ conversations: 10, withTheme: 2 }, 5, 0.25)).toBe(false);
    expect(isRaised({ conversations: 4, withTheme: 4 }, 5, 0.25)).toBe(false);
    expect(isRaised({ conversations: 0, withTheme: 0 }, 0, 0.25)).toBe(false);
  });
});
