/**
 * `npm run bench [-- name…]`: builds the app when needed, runs every benchmark (or those named:
 * push, capture, sync, boundaries, map, unanswered, paint, signin, lighthouse, keyboard, export),
 * prints the figures and saves them to bench/results.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { benchBoundaryImport } from './boundary-import';
import { benchCaptureDevice } from './capture-device';
import { benchExportCsv } from './export-csv';
import { benchKeyboardCapture } from './keyboard-capture';
import { benchLighthouse } from './lighthouse';
import { benchMapAggregation } from './map-aggregation';
import { benchMapFirstPaint } from './map-first-paint';
import { benchNotYetAnswered } from './not-yet-answered';
import { benchSyncEngine } from './sync-engine';
import { benchPushThroughput } from './push-throughput';
import { benchSignIn } from './sign-in';
import { printResults, writeResults, type BenchResult } from './results';

const BENCHMARKS: Record<string, () => Promise<BenchResult[]>> = {
  push: benchPushThroughput,
  capture: benchCaptureDevice,
  sync: benchSyncEngine,
  boundaries: benchBoundaryImport,
  map: benchMapAggregation,
  unanswered: benchNotYetAnswered,
  paint: benchMapFirstPaint,
  signin: benchSignIn,
  lighthouse: benchLighthouse,
  keyboard: benchKeyboardCapture,
  export: benchExportCsv
};

if (!existsSync(new URL('../build/index.js', import.meta.url))) {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}

const chosen = process.argv.slice(2);
const results: BenchResult[] = [];
for (const [name, run] of Object.entries(BENCHMARKS)) {
  if (chosen.length === 0 || chosen.includes(name)) results.push(...(await run()));
}
printResults(results);
console.log(`Saved to ${writeResults(results)}`);
