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

/** How long a download may take nothing before it is given up and its database read ended. */
export const EXPORT_IDLE_MS = 60_000;

/**
 * A CSV file as a byte stream: the header, then each page of records as it is read, so a file of
 * any size is never held in memory. The next page is read only when the reader has taken the
 * last (backpressure); cancelling the stream (the browser gave up) calls `close`, which stops
 * the read at the database. A reader that takes nothing for `idleMs` (a stalled or abandoned
 * download still connected) gets an error and the read is closed too, so it cannot hold a
 * database connection and its snapshot for ever.
 */
export function csvStream<Row>(options: {
  header: readonly string[];
  pages: AsyncIterator<Row[]>;
  cells: (row: Row) => Cell[];
  close: () => Promise<void>;
  bom?: boolean;
  idleMs?: number;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const waitForReader = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      controller.error(new Error('The download took nothing for too long and was given up.'));
      void options.close().catch(() => {});
    }, options.idleMs ?? EXPORT_IDLE_MS);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        clearTimeout(idle);
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode((options.bom ? UTF8_BOM : '') + csvRecords([options.header])));
          waitForReader(controller);
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
          waitForReader(controller);
        } catch (error) {
          await options.close().catch(() => {});
          controller.error(error);
        }
      },
      async cancel() {
        clearTimeout(idle);
        await options.close();
      }
    },
    { highWaterMark: 1 }
  );
}
