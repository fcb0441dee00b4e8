import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../../src/lib/export/csv';
import { CsvRecordCounter } from '../../../src/lib/export/csv-progress';

describe('counting CSV records as the text arrives (the Export page’s progress)', () => {
  it('counts records, not line breaks inside quoted cells, however the text is split', () => {
    const text = csvRecords([['a', 'b'], ['line one\r\nline two', 'say "hi"'], ['"', '\n'], ['=1+1\nx', '']]);
    for (const size of [1, 2, 3, 7, text.length]) {
      const counter = new CsvRecordCounter();
      for (let i = 0; i < text.length; i += size) counter.add(text.slice(i, i + size));
      expect(counter.records, `pieces of ${size}`).toBe(4);
    }
  });
});
