import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One benchmark figure, as written to bench/results.json. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  /** Whether the goal holds, where the benchmark can tell from what it measured. */
  met?: boolean;
  peer?: string;
  ratio?: number;
}

export function writeResults(results: BenchResult[]): string {
  const path = fileURLToPath(new URL('./results.json', import.meta.url));
  writeFileSync(path, JSON.stringify(results, null, 2) + '\n');
  return path;
}

export function printResults(results: BenchResult[]): void {
  for (const r of results) {
    const extras = [
      r.goal ? `goal ${r.goal}${r.met === undefined ? '' : r.met ? ': met' : ': MISSED'}` : '',
      r.peer && r.ratio !== undefined ? `${r.ratio.toFixed(2)}× ${r.peer}` : ''
    ].filter(Boolean);
    console.log(`${r.name.padEnd(48)} ${r.value.toLocaleString('en-GB', { maximumFractionDigits: 1 }).padStart(10)} ${r.unit}${extras.length ? `  (${extras.join('; ')})` : ''}`);
  }
}
