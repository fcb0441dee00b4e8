import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The data directory ${dataDir} is in use by another process (pid ${pid}), probably the running ` +
        `server. Stop it first, or use the set-up page of the running app.`
    );
    this.name = 'DataDirInUseError';
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Directories this process holds: its own pid in a lock file is stale only if it is not here. */
const heldHere = new Set<string>();

/**
 * Takes an exclusive lock file in the PGlite data directory. A lock left by a process that no
 * longer runs (killed, crashed) is stale and taken over.
 */
export async function lockDataDir(dataDir: string): Promise<{ release(): Promise<void> }> {
  const dir = resolve(dataDir);
  await mkdir(dir, { recursive: true });
  const lockFile = join(dir, 'anchor-listening.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      heldHere.add(dir);
      return {
        async release() {
          heldHere.delete(dir);
          await rm(lockFile, { force: true });
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
      const heldByUs = holder === process.pid && heldHere.has(dir);
      if (heldByUs || (holder && holder !== process.pid && isRunning(holder))) {
        throw new DataDirInUseError(dir, holder);
      }
      await rm(lockFile, { force: true });
    }
  }
  throw new Error(`Could not lock the data directory ${dir}`);
}
