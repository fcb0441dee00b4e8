import ExcelJS from 'exceljs';
import naughty from 'big-list-of-naughty-strings';
import { describe, expect, it } from 'vitest';
import { columnName, xlsxStream, type XlsxCell } from '../../../src/lib/export/xlsx';

async function readBack(stream: ReadableStream<Uint8Array>): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its own Buffer, older than Node's.
  await workbook.xlsx.load(Buffer.from(await new Response(stream).arrayBuffer()) as never);
  return workbook;
}

async function* pagesOf(rows: XlsxCell[][], size: number) {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

describe('the spreadsheet writer (issue 14)', () => {
  it('writes each sheet with a bold frozen header and its widths, every text intact and none a formula', async () => {
    const texts: string[] = [...(naughty as string[]).filter((s) => s.length > 0), '=1+1', '+44 113 496 0000', '-1', '@SUM(A1)', '\tTabbed', '\rCarriage', 'Esc \u001b and a literal _x001B_', 'Delete \u007f kept', 'Ella a dit « non » 👋🏽', 'مرحبا بكم في ليدز'];
    const rows: XlsxCell[][] = texts.map((text, i) => [text, i, i % 3 === 0 ? null : 'fewer than 10']);
    const closed: string[] = [];
    const workbook = await readBack(
      xlsxStream(
        [
          { name: 'Conversations', columns: [{ header: 'Said', width: 50 }, { header: 'Number', width: 8 }, { header: 'Count', width: 14 }], pages: pagesOf(rows, 100) },
          { name: 'Wards and themes', columns: [{ header: 'Ward', width: 20 }], pages: [[['Armley']]] }
        ],
        async () => void closed.push('closed')
      )
    );
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Conversations', 'Wards and themes']);
    const sheet = workbook.getWorksheet('Conversations')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getColumn(1).width).toBe(50);
    expect(sheet.rowCount).toBe(rows.length + 1);
    rows.forEach((row, i) => {
      const cells = sheet.getRow(i + 2);
      expect(cells.getCell(1).type).toBe(ExcelJS.ValueType.RichText);
      expect(cells.getCell(1).text).toBe(row[0]);
      expect(cells.getCell(2).value).toBe(row[1]);
      expect(row[2] === null ? cells.getCell(3).value : cells.getCell(3).text).toBe(row[2]);
    });
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    expect(closed).toEqual(['closed']);
  });

  it('puts cells past column Z in their own columns (AA, AZ, BA)', async () => {
    const row: XlsxCell[] = Array.from({ length: 53 }, (_, i) => `cell ${i + 1}`);
    const columns = row.map((_, i) => ({ header: `Column ${i + 1}`, width: 10 }));
    const sheet = (await readBack(xlsxStream([{ name: 'Wide', columns, pages: [[row]] }]))).getWorksheet('Wide')!;
    expect(columnName(0)).toBe('A');
    expect([26, 51, 52].map(columnName)).toEqual(['AA', 'AZ', 'BA']);
    expect(sheet.getRow(2).getCell(27).text).toBe('cell 27');
    expect(sheet.getRow(2).getCell(53).text).toBe('cell 53');
    expect(sheet.getRow(1).getCell(53).text).toBe('Column 53');
  });

  it('stops reading pages once the reader cancels, and closes what it read from', async () => {
    let pagesRead = 0;
    let closed = false;
    async function* endless() {
      for (;;) {
        pagesRead += 1;
        yield Array.from({ length: 500 }, (_, i) => [`Row ${pagesRead}-${i} ${'x'.repeat(200)}`] as XlsxCell[]);
      }
    }
    const stream = xlsxStream([{ name: 'Conversations', columns: [{ header: 'Said', width: 50 }], pages: endless() }], async () => void (closed = true));
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    await expect.poll(() => closed).toBe(true);
    const after = pagesRead;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pagesRead).toBe(after);
  });

  it('gives a stalled download up after the idle limit and closes what it read from', async () => {
    let closed = false;
    async function* endless() {
      for (let page = 0; ; page++) yield Array.from({ length: 500 }, (_, i) => [`Row ${page}-${i} ${'x'.repeat(200)}`] as XlsxCell[]);
    }
    const stream = xlsxStream([{ name: 'Conversations', columns: [{ header: 'Said', width: 50 }], pages: endless() }], async () => void (closed = true), 200);
    const reader = stream.getReader();
    await reader.read(); // then takes nothing more
    await expect.poll(() => closed, { timeout: 5000 }).toBe(true);
  });
});
