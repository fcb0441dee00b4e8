import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../../../src/lib/server/auth/next-path';
import { auditQuery } from '../../../src/lib/server/audit-view';
import { checkFirstRun } from '../../../src/lib/server/first-run-setup';
import { checkAccessSettings } from '../../../src/lib/server/network-settings';
import { WARD_FILES } from '../../support/shared-data';

describe('safeNextPath', () => {
  it.each([
    ['/account', '/account'],
    ['/wards/E05011385?theme=x#quotes', '/wards/E05011385?theme=x#quotes'],
    ['/settings/../audit', '/audit']
  ])('follows a path on this site: %s', (next, expected) => expect(safeNextPath(next)).toBe(expected));

  it.each([null, '', 'account', '//evil.example/x', '/\\evil.example', '/\tevil', 'https://evil.example/', 'javascript:alert(1)', '/sign-in', '/sign-in?next=/x', `/${'a'.repeat(2001)}`])(
    'goes to the start page instead of %j',
    (next) => expect(safeNextPath(next)).toBe('/')
  );
});

describe('auditQuery', () => {
  const query = (search: string) => auditQuery(new URLSearchParams(search));

  const none = { day: '', month: '', year: '' };

  it('reads the filters, dates typed as day, month and year, and the page', () => {
    expect(query('action=sign-in&who=+Sam+&from-day=1&from-month=7&from-year=2026&to-day=31&to-month=jul&to-year=2026&before=123')).toMatchObject({
      filters: { action: 'sign-in', who: 'Sam', from: '2026-07-01', to: '2026-07-31' },
      values: { from: { day: '1', month: '7', year: '2026' }, to: { day: '31', month: 'jul', year: '2026' } },
      before: '123',
      errors: []
    });
    expect(query('')).toEqual({ filters: {}, before: null, values: { action: '', who: '', from: none, to: none }, errors: [] });
  });

  it('leaves out, and names, what cannot be used; a malformed page is the first page', () => {
    const read = query("action=drop-table&from-day=30&from-month=2&from-year=2026&to-day=yesterday&to-month=1&to-year=2026&before=1';--");
    expect(read.filters).toEqual({});
    expect(read.before).toBeNull();
    expect(read.errors).toEqual([
      { field: 'action', message: 'Choose an action from the list' },
      { field: 'from-day', message: 'The “From” date must be a real date', parts: ['day', 'month', 'year'] },
      { field: 'to-day', message: 'The “To” date must be a real date', parts: ['day'] }
    ]);
    expect(query('to-day=1&to-year=26').errors).toEqual([{ field: 'to-month', message: 'The “To” date must include a month', parts: ['month'] }]);
    expect(query('to-day=1&to-month=1&to-year=26').errors).toEqual([{ field: 'to-year', message: 'The year in “To” must include 4 numbers', parts: ['year'] }]);
    expect(query('from-day=2&from-month=7&from-year=2026&to-day=1&to-month=7&to-year=2026')).toMatchObject({
      filters: { from: '2026-07-02' },
      errors: [{ field: 'to-day', message: 'The “To” date must be the same as or after the “From” date' }]
    });
    expect(query('before=0').before).toBeNull();
    expect(query(`before=${'9'.repeat(19)}`).before).toBeNull();
  });
});

describe('checkAccessSettings', () => {
  it.each([
    ['10', 10],
    [' 1 ', 1],
    ['240', 240]
  ])('takes %j minutes', (typed, minutes) => {
    expect(checkAccessSettings({ idleLockMinutes: typed, leadsSeeContacts: true })).toEqual({ ok: true, value: { idleLockMinutes: minutes, leadsSeeContacts: true } });
  });

  it.each([
    ['', 'Enter the number of minutes'],
    ['0', 'between 1 and 240'],
    ['241', 'between 1 and 240'],
    ['7.5', 'whole number'],
    ['-3', 'whole number'],
    ['1e2', 'whole number'],
    ['ten', 'whole number']
  ])('refuses %j', (typed, message) => {
    const checked = checkAccessSettings({ idleLockMinutes: typed, leadsSeeContacts: false });
    expect(checked).toMatchObject({ ok: false, errors: [{ field: 'idle-lock-minutes', message: expect.stringContaining(message) }] });
  });
});

describe('checkFirstRun', () => {
  const leeds = readFileSync(WARD_FILES.leeds, 'utf8');
  const coordinator = { name: 'Cora Smith', email: 'cora@leeds-anchors.example', password: 'correct horse battery staple', passwordAgain: 'correct horse battery staple' };

  it('names every problem at once, in the order of the form', async () => {
    const checked = await checkFirstRun({ name: ' ', themeNames: [], boundaryFileText: null, coordinator: { name: '', email: 'cora', password: 'short', passwordAgain: '' } });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.map((e) => e.field)).toEqual(['name', 'themes', 'wards', 'coordinator-name', 'coordinator-email', 'password']);
    expect(checked.errors[3].message).toBe('Enter your name');
  });

  it('checks the two passwords are the same, and counts the wards of a file that was fine', async () => {
    const checked = await checkFirstRun({ name: 'Leeds', themeNames: ['A'], boundaryFileText: leeds, coordinator: { ...coordinator, passwordAgain: 'something else' } });
    expect(checked).toEqual({ ok: false, errors: [{ field: 'password-again', message: 'The two passwords are not the same' }], wardsRead: 33 });
  });

  it('says both password problems at once: too short, and typed differently the second time', async () => {
    const checked = await checkFirstRun({ name: 'Leeds', themeNames: ['A'], boundaryFileText: null, coordinator: { ...coordinator, password: 'short', passwordAgain: 'shirt' } });
    expect(checked).toMatchObject({ ok: false, wardsRead: 0 });
    if (checked.ok) return;
    expect(checked.errors.map((e) => e.field)).toEqual(['wards', 'password', 'password-again']);
    expect(checked.errors[2].message).toBe('The two passwords are not the same');
  });

  it('gives the network and its coordinator with a hashed password, never the password', async () => {
    const checked = await checkFirstRun({ name: ' Leeds Anchor Network ', themeNames: ['A', 'B'], boundaryFileText: leeds, coordinator });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.value.setup).toMatchObject({ name: 'Leeds Anchor Network', themeNames: ['A', 'B'] });
    expect(checked.value.setup.wards).toHaveLength(33);
    expect(checked.value.coordinator).toEqual({ name: 'Cora Smith', email: 'cora@leeds-anchors.example', passwordHash: expect.stringMatching(/^\$argon2id\$/) });
    expect(JSON.stringify(checked.value)).not.toContain(coordinator.password);
  });
});
