import { afterAll, beforeAll, inject, it } from 'vitest';
import { AppServer } from '../../support/app-server';
import { runCrashScenario } from './crash-scenario';
import { setUpServer, type SyncWorld } from './fault-scenario';

let server: AppServer;
let world: SyncWorld;
beforeAll(async () => {
  server = await AppServer.create('postgres', inject('postgresAdminUrl'));
  world = await setUpServer(server);
});
afterAll(() => server?.dispose());

it('S3 nothing acknowledged is lost when the server is killed 20 times mid-push, on PostgreSQL', { timeout: 900_000 }, async () => {
  await runCrashScenario(server, world, Number(process.env.SYNC_SEED ?? Date.now() % 1_000_000));
});
