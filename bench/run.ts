/** `npm run bench`: builds the app when needed, runs every benchmark, prints and saves the figures. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { benchPushThroughput } from './push-throughput';
import { printResults, writeResults, type BenchResult } from './results';

if (!existsSync(new URL('../build/index.js', import.meta.url))) {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}

const results: BenchResult[] = [];
results.push(...(await benchPushThroughput()));
printResults(results);
console.log(`Saved to ${writeResults(results)}`);
