import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { likelyCodeColumn, likelyDirection, likelyValueColumn, mostDeprivedCutoff } from '../../../src/lib/domain/ward-indicator';
import { cellNumber, checkIndicatorRows, CsvFileError, readIndicatorCsv } from '../../../src/lib/server/indicator-csv';
import { INDICATOR_FILES, networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

const LEEDS = new Set(networkSetupFromFile(WARD_FILES.leeds).wards.map((w) => w.code));
const IMD_COLUMNS = { code: 'code', value: 'imd_avg_rank_popweighted' };
const imdFile = () => readFileSync(INDICATOR_FILES.imd2019Wd25, 'utf8');

describe('checking an indicator CSV', () => {
  it('reads the England IMD file for Leeds: 33 values, the other 6,793 wards ignored, nothing blank', () => {
    const csv = readIndicatorCsv(imdFile());
    expect(likelyCodeColumn(csv.headers)).toBe('code');
    expect(likelyValueColumn(csv.headers)).toBe('imd_avg_rank_popweighted');
    const report = checkIndicatorRows(csv, IMD_COLUMNS, LEEDS);
    expect(report.problems).toEqual([]);
    expect(report.values).toHaveLength(33);
    expect(new Set(report.values.map((v) => v.code))).toEqual(LEEDS);
    expect(report.values.find((v) => v.code === 'E05011385')).toEqual({ code: 'E05011385', value: 4592 });
    expect(report.outsideNetwork).toBe(6826 - 33);
    expect(report.blankValues).toBe(0);
  });

  it('counts the file’s 52 blank wards as blanks when they are the network’s', () => {
    const csv = readIndicatorCsv(imdFile());
    const everyWard = new Set(csv.rows.map((r) => r.cells[0]));
    const report = checkIndicatorRows(csv, IMD_COLUMNS, everyWard);
    expect(report.problems).toEqual([]);
    expect(report.blankValues).toBe(52);
    expect(report.values).toHaveLength(6826 - 52);
  });

  it('lists each bad row by its spreadsheet row number, and skips blanks and other wards', () => {
    const csv = readIndicatorCsv(
      [
        'code,name,imd_avg_rank_popweighted',
        'E05011385,Armley,4592.0', // row 2: fine
        'E0501138,Short code,100', // row 3: not a ward code
        'E05011397,Headingley,abc', // row 4: not a number
        '', // row 5: an empty line, skipped but still counted as a row
        'E05011385,Armley again,5', // row 6: listed twice
        'E05011384,Ardsley,', // row 7: blank, skipped
        'E05013038,Burn Valley,7215.7', // row 8: Hartlepool, ignored
        ',Nameless,1', // row 9: no code
        '"E05011387","Bramley, and Stanningley","7,144.7"', // row 10: fine, quoted and grouped
        'E08000035,Leeds,12' // row 11: a local authority code
      ].join('\r\n')
    );
    const report = checkIndicatorRows(csv, IMD_COLUMNS, LEEDS);
    expect(report.problems).toEqual([
      { row: 3, message: '“E0501138” is not a ward code: ward codes are ONS codes such as E05011385' },
      { row: 4, message: '“abc” in the column “imd_avg_rank_popweighted” is not a number' },
      { row: 6, message: 'ward E05011385 is listed again (first on row 2): give each ward one row' },
      { row: 9, message: 'no ward code in the column “code”' },
      { row: 11, message: '“E08000035” is not a ward code: ward codes are ONS codes such as E05011385' }
    ]);
    expect(report.values).toEqual([
      { code: 'E05011385', value: 4592 },
      { code: 'E05011387', value: 7144.7 }
    ]);
    expect(report.blankValues).toBe(1);
    expect(report.outsideNetwork).toBe(1);
  });

  it('refuses files it cannot read as a CSV of wards', () => {
    const refused = (text: string) => {
      try {
        readIndicatorCsv(text);
        return 'read';
      } catch (error) {
        expect(error).toBeInstanceOf(CsvFileError);
        return (error as Error).message;
      }
    };
    expect(refused('')).toContain('The file is empty');
    expect(refused('code,value\n')).toContain('no rows of wards');
    expect(refused('code,value,value\nE05011385,1,2')).toContain('names the column “value” twice');
    expect(refused('code,value\nE05011385,"12\nE05011397,3')).toContain('quotation mark that is not closed');
    expect(refused('PK\u0003\u0004\u0000\u0000binary')).toContain('not a CSV file');
    expect(refused('\uFEFFcode,value\nE05011385,1')).toBe('read');
  });

  it('reads figures as numbers only when they are numbers', () => {
    expect(['12', ' 4592.0 ', '-2.5', '+3', '.5', '1e3', '1,234', '12,345,678.9'].map(cellNumber)).toEqual([
      12, 4592, -2.5, 3, 0.5, 1000, 1234, 12345678.9
    ]);
    expect(['', '  ', '..', ':', 'x', 'N/A', 'na', '#N/A'].map(cellNumber)).toEqual(Array(8).fill('missing'));
    expect(['abc', '12,34', '0x10', 'Infinity', 'NaN', '1e999', '12%', '£5', '1.2.3', '='].map(cellNumber)).toEqual(Array(10).fill(null));
  });

  it('guesses the direction of a column from its name', () => {
    expect(likelyDirection('imd_avg_rank_popweighted')).toBe('lower');
    expect(likelyDirection('imd_avg_decile_popweighted')).toBe('lower');
    expect(likelyDirection('IMD Score')).toBe('higher');
    expect(likelyDirection('share_pop_most_deprived_20pct')).toBe('higher');
    expect(likelyDirection('population_mid2015')).toBeUndefined();
    expect(likelyCodeColumn(['WD20CD', 'IMD Score'])).toBe('WD20CD');
    expect(likelyCodeColumn(['lad_code', 'value'])).toBeUndefined();
  });

  it('takes the most deprived 20 % as quintiles would, rounding up', () => {
    expect([33, 30, 5, 1, 0].map((n) => mostDeprivedCutoff(n, 20))).toEqual([7, 6, 1, 1, 0]);
    expect(mostDeprivedCutoff(6826, 20)).toBe(1366);
  });
});
