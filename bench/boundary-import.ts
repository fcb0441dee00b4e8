/** Issue 6: importing all of England's 6,826 wards (the shared TopoJSON) through the real endpoint. */
import { readFileSync } from 'node:fs';
import { openStore } from '../src/lib/server/store';
import { AppServer } from '../tests/support/app-server';
import { networkSetupFromFile, WARD_FILES } from '../tests/support/shared-data';
import type { BenchResult } from './results';

export async function benchBoundaryImport(): Promise<BenchResult[]> {
  const server = await AppServer.create('pglite');
  try {
    const store = await openStore(server.storeConfig);
    await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds));
    await store.close();
    await server.start();
    const england = readFileSync(WARD_FILES.england, 'utf8');
    const started = performance.now();
    const response = await fetch(`${server.url}/api/boundaries`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: england });
    const seconds = (performance.now() - started) / 1000;
    const result = (await response.json()) as { total?: number; message?: string };
    if (!response.ok || result.total !== 6826) throw new Error(`England import failed: ${JSON.stringify(result).slice(0, 300)}`);
    return [{ name: 'import England (6,826 wards, TopoJSON) into PGlite', value: seconds, unit: 's' }];
  } finally {
    await server.dispose();
  }
}
