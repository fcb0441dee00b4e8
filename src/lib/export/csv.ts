import Papa from 'papaparse';

/**
 * CSV as RFC 4180 says (CRLF between records, fields quoted only when they must be, quotes
 * doubled), by papaparse's `unparse`, never by hand. Every text cell that begins with `=`, `+`,
 * `-`, `@`, tab or carriage return gets a leading `'` (OWASP's advice against formula
 * injection), so a spreadsheet shows it as text instead of running it.
 *
 * papaparse's own pattern for `escapeFormulae: true` is `/^[=+\-@\t\r].*$/`, whose `.` stops at
 * a line break: a cell such as "=1+1\nmore" would go through unescaped. So the pattern is ours.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell: text, a whole number, or empty (null). */
export type Cell = string | number | null;

/** Records as CSV text, each ending in CRLF. */
export function csvRecords(records: readonly (readonly Cell[])[]): string {
  if (records.length === 0) return '';
  return Papa.unparse(records as Cell[][], { escapeFormulae: FORMULA_START, newline: '\r\n', header: false }) + '\r\n';
}

/** What Excel needs to read a CSV file as UTF-8: the byte order mark, first. */
export const UTF8_BOM = '\uFEFF';

/**
 * A CSV file as a byte stream: the header, then each page of records as it is read, so a file of
 * any size is never held in memory. The next page is read only when the reader has taken the
 * last (backpressure); cancelling the stream (the browser gave up) calls `close`, which stops
 * the read at the database.
 */
export function csvStream<Row>(options: {
  header: readonly string[];
  pages: AsyncIterator<Row[]>;
  cells: (row: Row) => Cell[];
  close: () => Promise<void>;
  bom?: boolean;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode((options.bom ? UTF8_BOM : '') + csvRecords([options.header])));
          return;
        }
        try {
          const page = await options.pages.next();
          if (page.done) {
            controller.close();
            await options.close();
            return;
          }
          controller.enqueue(encoder.encode(csvRecords(page.value.map(options.cells))));
        } catch (error) {
          await options.close().catch(() => {});
          controller.error(error);
        }
      },
      async cancel() {
        await options.close();
      }
    },
    { highWaterMark: 1 }
  );
}
