import Papa from 'papaparse';

/** Excel reads a UTF-8 file as such only when it starts with a byte order mark. */
export const UTF8_BOM = '\uFEFF';

/**
 * Rows as RFC 4180 CSV (CRLF, quoted where needed), every cell beginning with =, +, -, @, tab or
 * CR neutralised so no spreadsheet runs it as a formula (OWASP CSV injection); `excel` adds the BOM.
 */
export function csvText(rows: readonly (readonly unknown[])[], options: { excel: boolean }): string {
  const text = Papa.unparse(rows as unknown[][], { escapeFormulae: true, newline: '\r\n' });
  return options.excel ? UTF8_BOM + text : text;
}
