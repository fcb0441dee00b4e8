import type { BoundaryProblem } from '$lib/map/ward-boundary-checks';
import { downloadOnsWards, OnsDownloadError, parseLadCodes } from '$lib/map/ons-ward-service';

export interface ImportCounts {
  added: number;
  changed: number;
  left: number;
  unchanged: number;
  total: number;
}

type Phase = 'idle' | 'downloading' | 'importing' | 'done' | 'failed';

/**
 * A coordinator's boundary import, from a file or from the ONS service: the download is paged in
 * the browser (with progress), then the whole file goes to the server, which imports it all or
 * nothing. A failure at any point leaves the network's boundaries as they were.
 */
export class BoundaryImport {
  phase = $state<Phase>('idle');
  progress = $state<{ received: number; total: number | null } | null>(null);
  counts = $state<ImportCounts | null>(null);
  problems = $state.raw<BoundaryProblem[]>([]);
  message = $state('');

  constructor(
    private readonly fetchFn: typeof fetch,
    private readonly afterImport: () => Promise<void>
  ) {}

  async importFile(file: File | undefined): Promise<void> {
    if (!file) return this.#fail('Choose a GeoJSON or TopoJSON file of ward boundaries.');
    await this.#send(await file.text());
  }

  async downloadFromOns(serviceUrl: string, ladCodesText: string): Promise<void> {
    this.#reset('downloading');
    try {
      const collection = await downloadOnsWards({
        serviceUrl,
        ladCodes: parseLadCodes(ladCodesText),
        fetch: this.fetchFn,
        onProgress: (progress) => (this.progress = progress)
      });
      await this.#send(JSON.stringify(collection));
    } catch (error) {
      if (!(error instanceof OnsDownloadError)) throw error;
      this.#fail(`${error.message} Nothing was changed.`);
    }
  }

  async #send(text: string) {
    this.#reset('importing');
    let response: Response;
    try {
      response = await this.fetchFn('/api/boundaries', { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
    } catch {
      return this.#fail('The server could not be reached. Nothing was changed; try again when online.');
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      this.problems = body?.problems ?? [];
      return this.#fail(body?.message ?? `The server answered ${response.status}. Nothing was changed.`);
    }
    this.counts = body as ImportCounts;
    this.phase = 'done';
    await this.afterImport();
  }

  #reset(phase: Phase) {
    this.phase = phase;
    this.counts = null;
    this.problems = [];
    this.message = '';
    if (phase !== 'downloading' && phase !== 'importing') this.progress = null;
  }

  #fail(message: string) {
    this.phase = 'failed';
    this.message = message;
  }
}
