import Papa from 'papaparse';

/**
 * The column names of a chosen CSV file, read in the browser so the coordinator can pick the
 * code and value columns before uploading. Only the start of the file is read; the server reads
 * and checks all of it.
 */
export async function readCsvHeader(file: File): Promise<string[]> {
  const start = await file.slice(0, 64 * 1024).text();
  const parsed = Papa.parse<string[]>(start.replace(/^\uFEFF/, ''), { preview: 1 });
  const names = (parsed.data[0] ?? []).map((name) => name.trim()).filter((name) => name !== '');
  return [...new Set(names)];
}
