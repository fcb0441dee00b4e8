import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { runPoisonedPull } from './poisoned-pull-scenario';

it('S9 a record the app cannot read in the server’s database does not stop another tablet’s pull, on PGlite', { timeout: 120_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'anchor-poisoned-'));
  try {
    await runPoisonedPull({ dataDir });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
