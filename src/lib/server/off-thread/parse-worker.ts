import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runParseTask, type ParseTask } from './parse-tasks';

/**
 * The parse worker's entry: this module run in a `worker_threads` Worker (parse-pool.ts). It is
 * only ever imported dynamically, so the build keeps it as a chunk of its own; its URL (this
 * module's own) is where the pool starts the worker, in the built app and under Vitest alike.
 */
export const PARSE_WORKER_URL = import.meta.url;
export const PARSE_WORKER_ROLE = 'anchor-listening-parse';

if (!isMainThread && parentPort && workerData?.role === PARSE_WORKER_ROLE) {
  parentPort.postMessage(runParseTask(workerData.task as ParseTask));
}
