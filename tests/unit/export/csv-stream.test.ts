import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvStream } from '../../../src/lib/export/csv';

/** Pages of rows as the store hands them out, noting how many were read and whether the read was closed. */
function pagesOf(count: number) {
  const seen = { read: 0, closed: 0 };
  async function* pages() {
    for (let i = 0; i < count; i++) {
      seen.read++;
      yield [[`=row ${i}`, i]];
    }
  }
  return { pages: pages(), seen, close: async () => void seen.closed++ };
}

describe('the CSV stream of an export', () => {
  it('reads a page only when the reader asks for more, and closes the read at the end', async () => {
    const { pages, seen, close } = pagesOf(5);
    const reader = csvStream({ header: ['Text', 'Number'], pages, cells: (row) => row, close }).getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.read).toBeLessThanOrEqual(1); // the header, and at most one page ahead
    let text = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += new TextDecoder().decode(r.value);
    expect(Papa.parse<string[]>(text.trim(), { newline: '\r\n' }).data).toEqual([0, 1, 2, 3, 4].map((i) => [`'=row ${i}`, String(i)]));
    expect(seen.closed).toBe(1);
  });

  it('gives up a reader that takes nothing for too long, and closes the read', async () => {
    const { pages, seen, close } = pagesOf(100);
    const reader = csvStream({ header: ['Text', 'Number'], pages, cells: (row) => row, close, idleMs: 50 }).getReader();
    await reader.read();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(seen.closed).toBe(1);
    expect(seen.read).toBeLessThan(5);
    await expect(reader.read()).rejects.toThrow('took nothing for too long');
  });
});
