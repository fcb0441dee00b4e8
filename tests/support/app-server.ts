import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { uuidv7 } from 'uuidv7';
import { freePort } from './free-port';
import { createDatabase } from './postgres-cluster';
import type { SeededNetwork } from './seed-network';

const BUILD_DIR = fileURLToPath(new URL('../../build', import.meta.url));
const BUILT_SERVER = `${BUILD_DIR}/index.js`;
/** Started as README line 1 starts it, so tests run with the app's own defaults. */
const START_SCRIPT = fileURLToPath(new URL('../../scripts/start.js', import.meta.url));

export type StoreKind = 'pglite' | 'postgres';

/**
 * The built app (adapter-node) as a real process on loopback, with a store of its own: a fresh
 * PGlite data directory, or a fresh database on the test PostgreSQL cluster. It can be stopped,
 * killed and started again on the same port and data.
 */
export class AppServer {
  #process?: ChildProcess;
  #output = '';
  /** The network a test seeded into this server's store before it started, if any. */
  seeded?: SeededNetwork;

  private constructor(
    readonly port: number,
    readonly env: Record<string, string>,
    readonly dataDir?: string
  ) {}

  /**
   * A server with a fresh store, or with a copy of `template`'s (a stopped server's store, already
   * migrated and seeded: copying it is much quicker than opening PGlite and migrating again).
   */
  static async create(kind: StoreKind, postgresAdminUrl?: string, template?: AppServer): Promise<AppServer> {
    if (!existsSync(BUILT_SERVER)) throw new Error('The app is not built: run `npm run build` first.');
    const port = await freePort();
    // The build the test run made, served as it is: never rebuilt under a running test.
    const env: Record<string, string> = { PORT: String(port), HOST: '127.0.0.1', BUILD_DIR };
    if (kind === 'pglite') {
      const dataDir = mkdtempSync(join(tmpdir(), 'anchor-app-'));
      if (template?.dataDir) cpSync(template.dataDir, dataDir, { recursive: true });
      return new AppServer(port, { ...env, DATA_DIR: dataDir }, dataDir);
    }
    if (!postgresAdminUrl) throw new Error('No PostgreSQL cluster for a postgres app server.');
    const templateDatabase = template?.env.DATABASE_URL ? new URL(template.env.DATABASE_URL).pathname.slice(1) : undefined;
    const url = await createDatabase(postgresAdminUrl, `app_${uuidv7().replaceAll('-', '')}`, templateDatabase);
    return new AppServer(port, { ...env, DATABASE_URL: url });
  }

  /**
   * A second server process on this one's PostgreSQL database, on a port of its own: two
   * processes behind a proxy, as a larger deployment runs them.
   */
  static async alongside(other: AppServer): Promise<AppServer> {
    if (!other.env.DATABASE_URL) throw new Error('Only PostgreSQL is shared by several server processes.');
    const port = await freePort();
    return new AppServer(port, { ...other.env, PORT: String(port) });
  }

  /** Where this server keeps its data, for opening the same store directly while it is stopped. */
  get storeConfig(): { dataDir?: string; databaseUrl?: string } {
    return this.env.DATABASE_URL ? { databaseUrl: this.env.DATABASE_URL } : { dataDir: this.dataDir };
  }

  /** Sets environment variables (settings) for the next start, as an administrator would. */
  configure(settings: Record<string, string>): void {
    Object.assign(this.env, settings);
  }

  /** Serves another build from the next start: a new version of the app, deployed. */
  useBuild(buildDir: string): void {
    this.env.BUILD_DIR = buildDir;
  }

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  get output(): string {
    return this.#output;
  }

  async start(): Promise<void> {
    const { DATABASE_URL: _url, DATA_DIR: _dir, ORIGIN: _origin, ...inherited } = process.env;
    const child = spawn(process.execPath, [START_SCRIPT], {
      env: { ...inherited, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    this.#process = child;
    await new Promise<void>((resolve, reject) => {
      let sinceStart = '';
      const onData = (chunk: Buffer) => {
        this.#output += chunk.toString();
        sinceStart += chunk.toString();
        if (sinceStart.includes('Listening on')) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`The app exited (${code}) before listening:\n${this.#output}`)));
    });
  }

  /** SIGTERM, as a service manager stops it; resolves once the process has exited. */
  stop(): Promise<void> {
    return this.#end('SIGTERM');
  }

  /** SIGKILL: a crash, with no chance to clean up. */
  kill(): Promise<void> {
    return this.#end('SIGKILL');
  }

  async dispose(): Promise<void> {
    await this.kill();
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  #end(signal: NodeJS.Signals): Promise<void> {
    const child = this.#process;
    this.#process = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
}
