import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/lib/server/store';
import { WARD_FILES } from '../../support/shared-data';

const run = promisify(execFile);
let workDir: string;
afterEach(() => rmSync(workDir, { recursive: true, force: true }));

/** Runs `npm run setup` as a user would, against a data directory of its own. */
async function setupCli(dataDir: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/setup.ts', ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }
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
  it('sets up a network from the Leeds boundary file', async () => {
    const dataDir = fresh();
    const result = await setupCli(dataDir, '--network', 'Leeds Anchor Network', '--wards', WARD_FILES.leeds);
    expect(result.stdout).toContain('Set up "Leeds Anchor Network" with 33 wards and 6 themes');
    expect(result.code).toBe(0);
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
    const result = await setupCli(dataDir, '--network', 'Leeds', '--wards', file());
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(expected);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses, with a clear message, while the server holds the data directory, and harms nothing', async () => {
    const dataDir = fresh();
    await setupCli(dataDir, '--network', 'Leeds Anchor Network', '--wards', WARD_FILES.leeds);
    const server = await openStore({ dataDir });
    try {
      const result = await setupCli(dataDir, '--network', 'Other', '--wards', WARD_FILES.derby);
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
