import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NewWardIndicator } from '../../../src/lib/domain/ward-indicator';
import type { Store } from '../../../src/lib/server/store';
import { MAX_PROBLEMS_SHOWN, uploadWardIndicator, type IndicatorUpload } from '../../../src/lib/server/ward-indicator-upload';
import { INDICATOR_FILES, networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

const leeds = networkSetupFromFile(WARD_FILES.leeds);
const reference = { network: { id: '01900000-0000-7000-8000-000000000001', name: leeds.name, privacyNotice: '', idleLockMinutes: 10, leadsSeeContacts: false }, wards: leeds.wards };
const imdText = readFileSync(INDICATOR_FILES.imd2019Wd25, 'utf8');

/** A store that records what it was asked to save. */
function savingStore() {
  const saved: NewWardIndicator[] = [];
  const store = { saveWardIndicator: async (_: string, indicator: NewWardIndicator) => (saved.push(indicator), { id: 'x', replaced: false }) };
  return { store: store as unknown as Store, saved };
}

const fileOf = (text: string) => ({ size: Buffer.byteLength(text), text: async () => text });
const upload = (overrides: Partial<IndicatorUpload> = {}): IndicatorUpload => ({
  name: 'IMD 2019 average rank',
  source: '',
  direction: 'lower',
  codeColumn: '',
  valueColumn: '',
  file: fileOf(imdText),
  ...overrides
});

describe('uploading a ward indicator', () => {
  it('saves the IMD file for Leeds with the likely columns, and says what it skipped', async () => {
    const { store, saved } = savingStore();
    const outcome = await uploadWardIndicator(store, reference, upload());
    expect(outcome).toEqual({
      ok: true,
      saved: { name: 'IMD 2019 average rank', wards: 33, replaced: false, outsideNetwork: 6793, blankValues: 0, wardsWithoutValue: [] }
    });
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ name: 'IMD 2019 average rank', lowerIsMoreDeprived: true, source: '' });
    expect(saved[0].values).toHaveLength(33);
  });

  it('reports every problem of the form at once, in the form’s order, and saves nothing', async () => {
    const { store, saved } = savingStore();
    const outcome = await uploadWardIndicator(store, reference, upload({ name: '  ', direction: '', valueColumn: 'no such column' }));
    expect(outcome).toMatchObject({
      ok: false,
      errors: [
        { field: 'indicator-name', message: 'Enter a name for the indicator' },
        { field: 'value-column', message: 'The file has no column “no such column”: choose the column of figures' },
        { field: 'direction-lower', message: 'Say whether low or high values mean more deprived' }
      ]
    });
    expect(saved).toEqual([]);
  });

  it('refuses a file with bad rows, listing them by row, and saves nothing', async () => {
    const { store, saved } = savingStore();
    const text = 'code,value\nE05011385,4592\nE05011397,lots\nE05011385,12\n';
    const outcome = await uploadWardIndicator(store, reference, upload({ valueColumn: 'value', file: fileOf(text) }));
    expect(outcome).toEqual({
      ok: false,
      errors: [{ field: 'indicator-file', message: 'The file has 2 problems: fix them and upload the file again' }],
      problems: [
        { row: 3, message: '“lots” in the column “value” is not a number' },
        { row: 4, message: 'ward E05011385 is listed again (first on row 2): give each ward one row' }
      ],
      problemCount: 2
    });
    expect(saved).toEqual([]);
  });

  it('shows the first problems of a file read by the wrong column, and counts them all', async () => {
    const { store } = savingStore();
    const outcome = await uploadWardIndicator(store, reference, upload({ codeColumn: 'lad_code' }));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problemCount).toBe(6826);
    expect(outcome.problems).toHaveLength(MAX_PROBLEMS_SHOWN);
    expect(outcome.problems[0]).toEqual({ row: 2, message: '“E06000001” is not a ward code: ward codes are ONS codes such as E05011385' });
  });

  it('refuses a file with none of the network’s wards, or only blanks for them', async () => {
    const { store, saved } = savingStore();
    const derbyOnly = await uploadWardIndicator(store, reference, upload({ valueColumn: 'v', file: fileOf('code,v\nE05013038,1\n') }));
    expect(derbyOnly).toMatchObject({ ok: false, errors: [{ field: 'indicator-file', message: expect.stringContaining('None of the wards in the file') }] });
    const blanks = await uploadWardIndicator(store, reference, upload({ valueColumn: 'v', file: fileOf('code,v\nE05011385,\n') }));
    expect(blanks).toMatchObject({ ok: false, errors: [{ field: 'indicator-file', message: expect.stringContaining('every row for them is blank') }] });
    const none = await uploadWardIndicator(store, reference, upload({ file: null }));
    expect(none).toMatchObject({ ok: false, errors: [{ field: 'indicator-file', message: expect.stringContaining('Choose a CSV file') }] });
    expect(saved).toEqual([]);
  });

  it('names the network’s wards the file has no figure for', async () => {
    const { store } = savingStore();
    const withoutArmley = imdText.split('\n').filter((line) => !line.startsWith('E05011385,')).join('\n');
    const outcome = await uploadWardIndicator(store, reference, upload({ file: fileOf(withoutArmley), direction: 'higher' }));
    expect(outcome).toMatchObject({ ok: true, saved: { wards: 32, wardsWithoutValue: ['Armley'] } });
  });
});
