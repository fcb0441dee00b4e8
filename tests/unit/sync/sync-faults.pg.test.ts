import { afterAll, beforeAll, inject, it } from 'vitest';
import { AppServer } from '../../support/app-server';
import { runFaultScenario, setUpServer, type SyncWorld } from './fault-scenario';

let server: AppServer;
let world: SyncWorld;
beforeAll(async () => {
  server = await AppServer.create('postgres', inject('postgresAdminUrl'));
  world = await setUpServer(server);
});
afterAll(() => server?.dispose());

it('S2 S4 S5 S6 five devices converge exactly once through a faulty network, on PostgreSQL', { timeout: 600_000 }, async () => {
  await runFaultScenario(server, world, Number(process.env.SYNC_SEED ?? Date.now() % 1_000_000));
});
