/**
 * The push and pull figures before accounts (commit ea57786, the last before issue 10), measured on
 * this machine with that commit's own `npm run bench -- push sync`, each with its run's storage
 * floor. Issue 10's goal: with device credentials checked, each ratio to its floor stays within
 * 10 % of the ratio then. Only these references are written down; every figure now is measured.
 */
import type { BenchResult } from './results';

export interface EarlierFigure {
  what: string;
  value: number;
  floor: number;
}

export const BEFORE_ACCOUNTS = {
  httpPushPglite: { what: 'HTTP push into PGlite', value: 4_249.2, floor: 8_829.1 },
  syncPushPglite: { what: 'sync engine push to PGlite', value: 1_862.3, floor: 7_829.5 },
  syncPullPglite: { what: 'sync engine pull from PGlite', value: 1_933.6, floor: 7_829.5 },
  syncPushPostgres: { what: 'sync engine push to PostgreSQL', value: 2_683.3, floor: 7_192.5 },
  syncPullPostgres: { what: 'sync engine pull from PostgreSQL', value: 2_477.8, floor: 7_192.5 }
} satisfies Record<string, EarlierFigure>;

/** The goal "within 10 % of before accounts" for a figure whose ratio to its own run's floor is `ratio`. */
export function withinTenPercentOfBefore(before: EarlierFigure, ratio: number): Pick<BenchResult, 'goal' | 'met'> {
  const then = before.value / before.floor;
  const least = then * 0.9;
  return {
    goal: `≥ ${least.toFixed(2)}× floor, within 10 % of before accounts (${then.toFixed(2)}× floor at ea57786)`,
    met: ratio >= least
  };
}
