import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBoundaryFeatures, type RawFeature } from '../../src/lib/map/boundary-file';

/**
 * A local stand-in for an ONS ArcGIS ward layer, serving the shared boundary files the way the
 * real FeatureServer does: layer metadata, returnCountOnly, and query pages of at most 2,000
 * features with exceededTransferLimit. It can be told to fail on a given page.
 */
export class ArcGisStandIn {
  readonly features: RawFeature[];
  failOnPage: number | null = null;
  pagesServed = 0;
  #server: Server;

  constructor(files: string[], readonly cap = 2000) {
    this.features = files.flatMap((file) => readBoundaryFeatures(readFileSync(file, 'utf8')));
    this.#server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      res.setHeader('access-control-allow-origin', '*');
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (!url.pathname.endsWith('/query')) {
        return reply(200, { name: 'WD_DEC_2025_UK_BGC', maxRecordCount: cap, fields: ['FID', 'WD25CD', 'WD25NM', 'LAD25CD', 'LAD25NM'].map((name) => ({ name })) });
      }
      const lads = new Set([...(url.searchParams.get('where') ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]));
      const matching = this.features.filter((f) => lads.has(String(f.properties?.LAD25CD)));
      if (url.searchParams.get('returnCountOnly') === 'true') return reply(200, { count: matching.length });
      this.pagesServed++;
      if (this.failOnPage === this.pagesServed) return reply(500, { error: { code: 500, message: 'Internal server error' } });
      const offset = Number(url.searchParams.get('resultOffset') ?? 0);
      const size = Math.min(Number(url.searchParams.get('resultRecordCount') ?? cap), cap);
      const page = matching.slice(offset, offset + size);
      reply(200, { type: 'FeatureCollection', features: page.map((f) => ({ type: 'Feature', ...f })), exceededTransferLimit: offset + size < matching.length });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/arcgis/rest/services/WD_DEC_2025_UK_BGC/FeatureServer/0`;
  }

  stop(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
