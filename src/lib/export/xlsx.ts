import { once } from 'node:events';
import { PassThrough, Readable, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { EXPORT_IDLE_MS } from './csv';

/** A cell: text (always written as text, never a formula), a number, or empty. */
export type XlsxCell = string | number | null;

export interface XlsxSheet {
  name: string;
  columns: { header: string; width: number }[];
  /** The rows, a page at a time, so a sheet of any length is never held whole in memory. */
  pages: AsyncIterable<XlsxCell[][]> | Iterable<XlsxCell[][]>;
}

/**
 * Text as an inline string (`t="inlineStr"`), the cell type OOXML has for text kept in the sheet:
 * exceljs writes plain strings as `t="str"` (a formula's result), which its own reader decodes
 * twice ("&amp;lt;" came back as "<"), so every character would not survive a round trip.
 */
const cellValue = (cell: XlsxCell) => (typeof cell === 'string' ? { richText: [{ text: ooxmlText(cell) }] } : (cell ?? undefined));

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A data row as the sheet's XML, the same cells exceljs writes for `cellValue` (text an inline
 * rich-text string, numbers as numbers, empty cells left out) without its Cell, value and model
 * objects for every cell: over a million cells those made the server's memory grow with the
 * export's length (issue 14).
 */
export function rowXml(rowNumber: number, cells: readonly XlsxCell[]): string {
  let xml = `<row r="${rowNumber}">`;
  cells.forEach((cell, i) => {
    const ref = `${columnName(i)}${rowNumber}`;
    if (typeof cell === 'string') xml += `<c r="${ref}" t="inlineStr"><is><r><t xml:space="preserve">${xmlText(ooxmlText(cell))}</t></r></is></c>`;
    else if (typeof cell === 'number' && Number.isFinite(cell)) xml += `<c r="${ref}"><v>${cell}</v></c>`;
  });
  return `${xml}</row>`;
}

/**
 * XML cannot hold most control characters, which residents’ text may (a pasted escape code), and
 * reads a carriage return as a line feed. OOXML writes each as `_xHHHH_`, which Excel (and
 * exceljs) read back as the character, and a literal `_xHHHH_` as `_x005F_xHHHH_`: every
 * character survives.
 */
export function ooxmlText(text: string): string {
  return text
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(/[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/**
 * A spreadsheet (issue 14) streamed as it is written, with exceljs's streaming writer: a sheet per
 * view, each with its header row in bold and frozen, and its column widths. Strings are written
 * as text cells, never formulas: a resident's "=1+1" is shown, never run.
 * The next page is read only once what was written has been taken (backpressure); cancelling the
 * stream stops the writing and calls `close`, which ends the read at the database. A reader that
 * takes nothing for `idleMs` (a stalled download still connected) gets an error and the read is
 * closed too, as `csvStream` does.
 */
export function xlsxStream(sheets: readonly XlsxSheet[], close: () => Promise<void> = async () => {}, idleMs = EXPORT_IDLE_MS): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  let cancelled = false;
  out.once('close', () => (cancelled = true));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });

  const write = async () => {
    for (const sheet of sheets) {
      const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
      worksheet.columns = sheet.columns.map((column, i) => ({ key: String(i), width: column.width }));
      // The header is people's words too (prompts, theme names): inline strings, as every cell.
      const header = worksheet.addRow(sheet.columns.map((column) => cellValue(column.header)));
      header.font = { bold: true };
      header.commit();
      let rowNumber = 1;
      for await (const page of sheet.pages) {
        if (cancelled) return;
        // Straight into the sheet's XML stream once the header has opened its data (exceljs 4.4's
        // streaming writer; the round-trip tests read every cell back with exceljs's reader).
        sheetStreamOf(worksheet).write(page.map((row) => rowXml(++rowNumber, row)).join(''));
        // Let the zip writer run, then wait while the reader has not taken what it wrote.
        await new Promise((resolve) => setImmediate(resolve));
        for (const stream of [...zipEntryOf(worksheet), out]) if (needsDrain(stream) && !cancelled) await drainedOrIdle(stream, out, idleMs);
      }
      worksheet.commit();
    }
    await workbook.commit();
  };
  write()
    .catch((error) => out.destroy(error))
    .finally(() => void close().catch(() => {}));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

/** The stream a streaming worksheet writes its XML into (exceljs 4.4's `WorksheetWriter.stream`). */
function sheetStreamOf(worksheet: ExcelJS.Worksheet): { write(xml: string): unknown } {
  return (worksheet as unknown as { stream: { write(xml: string): unknown } }).stream;
}

/**
 * exceljs's streaming writer writes a sheet's XML into the zip without waiting (its `StreamBuf`
 * ignores `write`'s answer), so a sheet written faster than it is compressed and read piles up,
 * uncompressed, in the stream archiver reads it through (100 MB more for 100,000 rows than for
 * 10,000). That stream is the one piped from the sheet's own; waiting for it to drain, as for
 * `out`, keeps memory flat. exceljs 4.4's internals (archiver's readable-stream 2 PassThrough,
 * which has `_writableState` but not `writableNeedDrain`); the benchmark shows if it stops working.
 */
function zipEntryOf(worksheet: ExcelJS.Worksheet): Writable[] {
  return (worksheet as unknown as { stream?: { pipes?: Writable[] } }).stream?.pipes ?? [];
}

/** How much may wait to be compressed before the writer waits (a few pages of XML), so writing and compressing overlap. */
const ZIP_BACKLOG_BYTES = 1024 * 1024;
type OldWritable = { _writableState?: { length?: number; needDrain?: boolean } };
const needsDrain = (stream: Writable) =>
  stream.writableNeedDrain ?? ((stream as OldWritable)._writableState?.needDrain === true && ((stream as OldWritable)._writableState?.length ?? 0) > ZIP_BACKLOG_BYTES);

/** Waits until `stream` has taken what was written; after `idleMs` without, gives the download (`out`) up. */
async function drainedOrIdle(stream: Writable, out: PassThrough, idleMs: number): Promise<void> {
  const abandon = new AbortController();
  const idle = setTimeout(() => abandon.abort(), idleMs);
  try {
    await Promise.race([once(stream, 'drain', { signal: abandon.signal }), once(out, 'close', { signal: abandon.signal })]);
  } catch {
    throw new Error('The download took nothing for too long and was given up.');
  } finally {
    clearTimeout(idle);
    abandon.abort();
  }
}

/** A column's width in characters: room for its header and typical values, never wider than `max`. */
export const widthFor = (header: string, typical: number, max = 60) => Math.min(max, Math.max(header.length + 2, typical));
