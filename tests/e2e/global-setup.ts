import { startPostgresCluster } from '../support/postgres-cluster';

/** One throw-away PostgreSQL cluster for the run; each app server gets a database of its own. */
export default async function globalSetup() {
  const cluster = await startPostgresCluster();
  process.env.E2E_POSTGRES_ADMIN_URL = cluster.adminUrl;
  return () => cluster.stop();
}
