import { CsvRecordCounter } from '$lib/export/csv-progress';

/** The header in which the server states how many rows an export holds (server/export-response.ts). */
const ROWS_HEADER = 'x-export-rows';

export type DownloadState =
  | { kind: 'idle' }
  | { kind: 'downloading'; rows: number; total: number | null; bytes: number }
  | { kind: 'saved'; rows: number; filename: string; bytes: number }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

/** What is downloaded: a CSV file (its records are counted as they arrive) or a spreadsheet (zipped: only its bytes can be). */
export type ExportFileKind = 'csv' | 'xlsx';
const MEDIA_TYPES: Record<ExportFileKind, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
};

/**
 * One export being downloaded with its progress (issue 14): the file is fetched as a stream, its
 * rows counted as they arrive against the total the server states (a spreadsheet's bytes), then saved. Cancelling aborts
 * the request, which cancels the server's stream and so its read of the database.
 */
export class ExportDownload {
  state = $state<DownloadState>({ kind: 'idle' });
  #abort: AbortController | null = null;

  constructor(private readonly fetcher: typeof fetch = (...args) => fetch(...args)) {}

  get busy(): boolean {
    return this.state.kind === 'downloading';
  }

  async start(url: string, fallbackName: string, kind: ExportFileKind = 'csv'): Promise<void> {
    if (this.busy) return;
    const abort = new AbortController();
    this.#abort = abort;
    this.state = { kind: 'downloading', rows: 0, total: null, bytes: 0 };
    try {
      const response = await this.fetcher(url, { signal: abort.signal, headers: { accept: MEDIA_TYPES[kind].split(';')[0] } });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        this.state = { kind: 'failed', message: body?.error?.message ?? `The export could not be made (the server answered ${response.status}). Try again.` };
        return;
      }
      const declared = Number(response.headers.get(ROWS_HEADER));
      const total = Number.isFinite(declared) && response.headers.has(ROWS_HEADER) ? declared : null;
      const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
      const counter = new CsvRecordCounter();
      const decoder = new TextDecoder();
      const chunks: Uint8Array[] = [];
      let bytes = 0;
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.byteLength;
        if (kind === 'csv') counter.add(decoder.decode(value, { stream: true }));
        // The header is a record too; rows are the records after it.
        this.state = { kind: 'downloading', rows: Math.max(counter.records - 1, 0), total, bytes };
      }
      save(new Blob(chunks as BlobPart[], { type: MEDIA_TYPES[kind] }), filename);
      this.state = { kind: 'saved', rows: Math.max(counter.records - 1, 0), filename, bytes };
    } catch (error) {
      if (abort.signal.aborted) this.state = { kind: 'cancelled' };
      else this.state = { kind: 'failed', message: 'The download stopped before the end: check the connection and try again.' };
      void error;
    } finally {
      if (this.#abort === abort) this.#abort = null;
    }
  }

  cancel(): void {
    this.#abort?.abort();
  }
}

/** Gives the browser a file to save, as a link with `download` would. */
function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
