import { expect, it } from 'vitest';
import { clockDisagreement, clockWarningText } from '../../../src/lib/client/sync/clock-check';

const server = Date.parse('2026-03-10T12:00:00Z');

it('the tablet is told its clock looks wrong only when it is more than a day from the server’s Date header', () => {
  const header = new Date(server).toUTCString();
  expect(clockDisagreement(header, server + 23 * 3_600_000)).toBeNull();
  expect(clockDisagreement(header, server - 23 * 3_600_000)).toBeNull();
  expect(clockDisagreement(header, server + 25 * 3_600_000)).toEqual({ device: server + 25 * 3_600_000, server });
  expect(clockDisagreement(header, Date.parse('2025-03-10T12:00:00Z'))).not.toBeNull();
  expect(clockDisagreement(null, 0)).toBeNull();
  expect(clockDisagreement('not a date', 0)).toBeNull();
  expect(clockWarningText({ device: Date.parse('2026-03-14T09:30:00Z'), server })).toMatch(
    /^This tablet's date and time look wrong: it says 14 March 2026(,| at) \d\d:30, the server says 10 March 2026(,| at) \d\d:00\. Set the date and time in the tablet's settings\.$/
  );
});
