import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { sealFor } from '../../../src/lib/client/sealing';
import { openSealed } from '../../../src/lib/server/sealing';
import { sealingKeysFromEnv } from '../../../src/lib/server/sealing-keys';

const run = promisify(execFile);
let workDir: string;
afterEach(() => rmSync(workDir, { recursive: true, force: true }));

/** Runs `npm run sealing-key` as an administrator would, against a data directory of its own. */
async function sealingKeyCli(env: Record<string, string>, ...args: string[]) {
  try {
    const { SEALING_PRIVATE_KEYS: _inherited, ...inherited } = process.env;
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/sealing-key.ts', ...args], {
      env: { ...inherited, DATABASE_URL: '', ...env }
    });
    return { code: 0, stdout: stdout.trim(), stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout.trim(), stderr: failed.stderr };
  }
}

describe('npm run sealing-key (issue 13)', () => {
  it('rotates the database key: the new one is listed first and the old one kept', async () => {
    workDir = mkdtempSync(join(tmpdir(), 'anchor-keys-'));
    const env = { DATA_DIR: join(workDir, 'data') };
    expect((await sealingKeyCli(env, 'list')).stdout).toMatch(/^No sealing key yet/);
    const first = await sealingKeyCli(env, 'rotate');
    const second = await sealingKeyCli(env, 'rotate');
    const [firstKid, secondKid] = [first, second].map((made) => /Made sealing key (\S+)/.exec(made.stdout)![1]);
    expect((await sealingKeyCli(env, 'list')).stdout.split('\n')).toEqual([secondKid, firstKid]);
  });

  it('prints a new private key that SEALING_PRIVATE_KEYS takes and that opens what is sealed to it, and refuses to rotate the database then', async () => {
    workDir = mkdtempSync(join(tmpdir(), 'anchor-keys-'));
    const printed = await sealingKeyCli({}, 'new');
    const env = { SEALING_PRIVATE_KEYS: `[${printed.stdout}]`, DATA_DIR: join(workDir, 'data') };
    const [key] = sealingKeysFromEnv(env)!;
    expect(await openSealed(await sealFor(key.publicKey, 'Pat, 0113 496 0000'), () => key.privateJwk)).toBe('Pat, 0113 496 0000');
    expect((await sealingKeyCli(env, 'list')).stdout).toBe(key.publicKey.kid);
    const refused = await sealingKeyCli(env, 'rotate');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('put what it prints first in that list');
  });
});
