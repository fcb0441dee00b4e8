import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../src/lib/server/auth/passwords';
import { openStore } from '../../../src/lib/server/store';
import { WARD_FILES } from '../../support/shared-data';

const run = promisify(execFile);
let workDir: string;
afterEach(() => rmSync(workDir, { recursive: true, force: true }));

const PASSWORD = 'correct horse battery staple';
const COORDINATOR = ['--coordinator', 'cora@leeds-anchors.example'];

/** Runs `npm run setup` as a user would, against a data directory of its own (stdin is not a terminal). */
async function setupCli(dataDir: string, ...args: string[]) {
  return setupCliWith({ COORDINATOR_PASSWORD: PASSWORD }, dataDir, ...args);
}

async function setupCliWith(env: Record<string, string>, dataDir: string, ...args: string[]) {
  try {
    const { COORDINATOR_PASSWORD: _inherited, ...inherited } = process.env;
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/setup.ts', ...args], {
      env: { ...inherited, DATA_DIR: dataDir, DATABASE_URL: '', ...env }
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function fresh() {
  workDir = mkdtempSync(join(tmpdir(), 'anchor-cli-'));
  return join(workDir, 'data');
}

describe('npm run setup', () => {
  it('sets up a network from the Leeds boundary file with its first coordinator, who can sign in', async () => {
    const dataDir = fresh();
    const result = await setupCli(dataDir, '--network', 'Leeds Anchor Network', '--wards', WARD_FILES.leeds, ...COORDINATOR, '--coordinator-name', 'Cora Smith');
    expect(result.stdout).toContain('Set up "Leeds Anchor Network" with 33 wards and 6 themes');
    expect(result.stdout).toContain('cora@leeds-anchors.example is its coordinator');
    expect(result.code).toBe(0);
    const store = await openStore({ dataDir });
    try {
      const network = (await store.getNetwork())!;
      const found = (await store.accounts.personByEmail(network.id, 'cora@leeds-anchors.example'))!;
      expect(found.person).toMatchObject({ name: 'Cora Smith', role: 'coordinator', active: true });
      expect(await verifyPassword(found.passwordHash, PASSWORD)).toBe(true);
      const [entry] = await store.audit.list(network.id, {}, { before: null, limit: 10 });
      expect(entry).toMatchObject({ action: 'network-set-up', actor: { name: 'Cora Smith' }, subject: 'Leeds Anchor Network' });
    } finally {
      await store.close();
    }
  });

  it.each([
    ['without --coordinator', {}, [] as string[], 'Give the first coordinator’s email address: --coordinator'],
    ['with a malformed coordinator email', {}, ['--coordinator', 'cora-at-example'], 'Enter an email address in the right format'],
    ['with a password too short', { COORDINATOR_PASSWORD: 'short' }, COORDINATOR, 'A password must be at least 10 characters'],
    ['with no password and no terminal to ask on', { COORDINATOR_PASSWORD: '' }, COORDINATOR, 'Give the first coordinator\'s password in COORDINATOR_PASSWORD']
  ])('refuses %s with one line and creates nothing', async (_, env, coordinator, expected) => {
    const dataDir = fresh();
    const result = await setupCliWith({ COORDINATOR_PASSWORD: PASSWORD, ...env }, dataDir, '--network', 'Leeds', '--wards', WARD_FILES.leeds, ...coordinator);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(expected);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('asks for the password on a terminal, twice, without showing it', async () => {
    const dataDir = fresh();
    const command = [process.execPath, '--import', 'tsx', 'scripts/setup.ts', '--network', 'Leeds', '--wards', WARD_FILES.leeds, ...COORDINATOR]
      .map((part) => `'${part.replaceAll("'", "'\\''")}'`)
      .join(' ');
    const { COORDINATOR_PASSWORD: _unset, ...env } = process.env;
    // `script` runs the command on a pseudo-terminal, as a person at a terminal would.
    const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], {
      env: { ...env, DATA_DIR: dataDir, DATABASE_URL: '' },
      stdio: ['pipe', 'pipe', 'pipe']
    });
    let output = '';
    const waitFor = (text: string) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (output.includes(text)) {
            child.stdout.off('data', onData);
            resolve();
          }
        };
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          check();
        };
        child.stdout.on('data', onData);
        check();
      });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await waitFor("First coordinator's password");
    child.stdin.write(`${PASSWORD}\r`);
    await waitFor('The same password again');
    child.stdin.write(`${PASSWORD}\r`);
    await waitFor('is its coordinator');
    expect(await exited).toBe(0);
    expect(output).not.toContain(PASSWORD);
    const store = await openStore({ dataDir });
    try {
      const found = await store.accounts.personByEmail((await store.getNetwork())!.id, 'cora@leeds-anchors.example');
      expect(await verifyPassword(found!.passwordHash, PASSWORD)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it.each([
    ['a missing file', () => join(workDir, 'nowhere.geojson'), 'does not exist'],
    ['a file that is not GeoJSON', () => write('wards.csv', 'code,name\nE05000001,X\n'), 'is not GeoJSON'],
    [
      'GeoJSON without ward code properties',
      () => write('plain.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'X' }, geometry: null }] })),
      'no ward code property'
    ]
  ])('refuses %s with one line and creates nothing', async (_, file, expected) => {
    const dataDir = fresh();
    const result = await setupCli(dataDir, '--network', 'Leeds', '--wards', file(), ...COORDINATOR);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(expected);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses, with a clear message, while the server holds the data directory, and harms nothing', async () => {
    const dataDir = fresh();
    await setupCli(dataDir, '--network', 'Leeds Anchor Network', '--wards', WARD_FILES.leeds, ...COORDINATOR);
    const server = await openStore({ dataDir });
    try {
      const result = await setupCli(dataDir, '--network', 'Other', '--wards', WARD_FILES.derby, ...COORDINATOR);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('is in use by another process');
      expect((await server.getReferenceData())?.wards).toHaveLength(33);
    } finally {
      await server.close();
    }
    const reopened = await openStore({ dataDir });
    expect((await reopened.getReferenceData())?.network.name).toBe('Leeds Anchor Network');
    await reopened.close();
  });
});

function write(name: string, text: string) {
  const path = join(workDir, name);
  writeFileSync(path, text);
  return path;
}
