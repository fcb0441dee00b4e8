/**
 * The push and pull figures before accounts: commit ea57786 (the last before issue 10), measured on
 * this machine with that commit's own `npx tsx bench/run.ts push sync`, each with the storage floor
 * of its own run. Issue 10's goal: with device credentials checked, each figure's ratio to its
 * floor stays within 10 % of the ratio then.
 *
 * This machine is shared (2 cores, other test runs come and go), and a ratio of the same code
 * varies by ±30 % from run to run, so every earlier run is written down and the goal is taken from
 * their median. Only these references are written down; every figure now is measured.
 */
import type { BenchResult } from './results';

/** One earlier run: the figure and its run's floor (rows/s). */
type EarlierRun = readonly [figure: number, floor: number];

export interface EarlierFigure {
  what: string;
  runs: readonly EarlierRun[];
}

export const BEFORE_ACCOUNTS = {
  httpPushPglite: {
    what: 'push 10,000 via HTTP into PGlite (conversations/s; floor: 200-row INSERT)',
    runs: [[4_249.2, 8_829.1], [2_382.9, 4_938.9], [1_220.9, 3_631.8], [1_316.5, 2_311.8], [4_667.7, 8_459.2]]
  },
  syncPushPglite: {
    what: 'sync engine push 10,000 from Chromium to PGlite (floor: 500-row INSERT)',
    runs: [[1_862.3, 7_829.5], [2_895.3, 11_497.0], [3_726.8, 13_378.7], [3_181.3, 11_407.2]]
  },
  syncPullPglite: {
    what: 'sync engine pull 10,000 from PGlite into a fresh device (floor: 500-row INSERT)',
    runs: [[1_933.6, 7_829.5], [2_958.8, 11_497.0], [4_205.9, 13_378.7], [3_224.8, 11_407.2]]
  },
  syncPushPostgres: {
    what: 'sync engine push 10,000 from Chromium to PostgreSQL (floor: 500-row INSERT)',
    runs: [[2_683.3, 7_192.5], [3_376.4, 13_302.9], [4_441.9, 17_301.1], [3_561.1, 10_172.8]]
  },
  syncPullPostgres: {
    what: 'sync engine pull 10,000 from PostgreSQL into a fresh device (floor: 500-row INSERT)',
    runs: [[2_477.8, 7_192.5], [3_010.2, 13_302.9], [4_006.1, 17_301.1], [3_008.2, 10_172.8]]
  }
} satisfies Record<string, EarlierFigure>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The median, over the earlier runs, of the figure's ratio to its run's floor. */
export function ratioBefore(before: EarlierFigure): number {
  return median(before.runs.map(([figure, floor]) => figure / floor));
}

/** The goal "within 10 % of before accounts" for a figure whose ratio to its own run's floor is `ratio`. */
export function withinTenPercentOfBefore(before: EarlierFigure, ratio: number): Pick<BenchResult, 'goal' | 'met'> {
  const then = ratioBefore(before);
  const least = then * 0.9;
  return {
    goal: `≥ ${least.toFixed(2)}× floor, within 10 % of before accounts (${then.toFixed(2)}× floor, median of ${before.runs.length} runs at ea57786)`,
    met: ratio >= least
  };
}
