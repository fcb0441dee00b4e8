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

  it('reads the filters and the page', () => {
    expect(query('action=sign-in&who=+Sam+&from=2026-07-01&to=2026-07-31&before=123')).toMatchObject({
      filters: { action: 'sign-in', who: 'Sam', from: '2026-07-01', to: '2026-07-31' },
      before: '123',
      errors: []
    });
    expect(query('')).toEqual({ filters: {}, before: null, values: { action: '', who: '', from: '', to: '' }, errors: [] });
  });

  it('leaves out, and names, what cannot be used; a malformed page is the first page', () => {
    const read = query("action=drop-table&from=2026-02-30&to=yesterday&before=1';--");
    expect(read.filters).toEqual({});
    expect(read.before).toBeNull();
    expect(read.errors.map((e) => e.field)).toEqual(['action', 'from', 'to']);
    expect(query('from=2026-07-02&to=2026-07-01')).toMatchObject({ filters: { from: '2026-07-02' }, errors: [{ field: 'to' }] });
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

  it('checks the two passwords are the same only once the first is good enough', async () => {
    const checked = await checkFirstRun({ name: 'Leeds', themeNames: ['A'], boundaryFileText: leeds, coordinator: { ...coordinator, passwordAgain: 'something else' } });
    expect(checked).toEqual({ ok: false, errors: [{ field: 'password-again', message: 'The two passwords are not the same' }] });
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
