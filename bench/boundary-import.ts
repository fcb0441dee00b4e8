/** Issue 6: importing all of England's 6,826 wards (the shared TopoJSON) through the real endpoint, as the coordinator. */
import { readFileSync } from 'node:fs';
import { AppServer } from '../tests/support/app-server';
import { WARD_FILES } from '../tests/support/shared-data';
import { seedBeforeStart } from './bench-network';
import type { BenchResult } from './results';

export async function benchBoundaryImport(): Promise<BenchResult[]> {
  const server = await AppServer.create('pglite');
  try {
    const { seeded } = await seedBeforeStart(server);
    await server.start();
    const england = readFileSync(WARD_FILES.england, 'utf8');
    const started = performance.now();
    const response = await fetch(`${server.url}/api/boundaries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `al_session=${seeded.people.coordinator.session}` },
      body: england
    });
    const seconds = (performance.now() - started) / 1000;
    const result = (await response.json()) as { total?: number; message?: string };
    if (!response.ok || result.total !== 6826) throw new Error(`England import failed: ${JSON.stringify(result).slice(0, 300)}`);
    return [{ name: 'import England (6,826 wards, TopoJSON) into PGlite', value: seconds, unit: 's' }];
  } finally {
    await server.dispose();
  }
}
