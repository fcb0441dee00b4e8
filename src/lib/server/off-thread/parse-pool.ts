import { Worker } from 'node:worker_threads';
import type { ParseResult, ParseTask } from './parse-tasks';

/**
 * Heavy parsing (boundary files, indicator CSVs) runs in a `worker_threads` Worker, one file at a
 * time, so the server's event loop keeps answering other requests meanwhile and parallel uploads
 * cannot each hold a parse's memory at once. A few more wait their turn (in order); past those the
 * caller is told to try again shortly (`ParsersBusyError`, a 503 with Retry-After).
 */

/** Parses running at once. Each holds its file and its parsed form (England: some 300 MB at peak). */
export const MAX_PARSES_RUNNING = 1;
/** Uploads waiting for a turn, each holding no more than its request (it is read when its turn comes). */
export const MAX_PARSES_WAITING = 3;
/** What a refused upload is told: a parse of England takes about a second or two. */
export const PARSE_RETRY_AFTER_SECONDS = 10;

export class ParsersBusyError extends Error {
  readonly retryAfterSeconds = PARSE_RETRY_AFTER_SECONDS;
  constructor() {
    super(`The server is reading other uploaded files just now. Nothing was changed: try again in ${PARSE_RETRY_AFTER_SECONDS} seconds.`);
    this.name = 'ParsersBusyError';
  }
}

// One process's turns; several processes each have their own.
let running = 0;
const waiting: (() => void)[] = [];

/**
 * Runs `work` (which reads an upload and parses it off the thread) in its turn: at once when no
 * parse is running, after those waiting, or not at all (ParsersBusyError) when the queue is full.
 */
export async function inParseTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARSES_RUNNING) {
    if (waiting.length >= MAX_PARSES_WAITING) throw new ParsersBusyError();
    await new Promise<void>((takeTurn) => waiting.push(takeTurn));
  } else {
    running++;
  }
  try {
    return await work();
  } finally {
    // The turn passes straight to the next in line, or is given back.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** How many parses are running and waiting now (for tests and the logs). */
export function parseTurns(): { running: number; waiting: number } {
  return { running, waiting: waiting.length };
}

/**
 * Runs one parse task in a new Worker and resolves with its answer. The file's bytes are moved to
 * the worker, not copied. The worker ends with its task, so its memory is given back at once.
 */
export async function parseOffThread<T extends ParseTask>(task: T): Promise<ParseResult<T>> {
  const { PARSE_WORKER_URL, PARSE_WORKER_ROLE } = await import('./parse-worker');
  const url = new URL(PARSE_WORKER_URL);
  const options = {
    workerData: { role: PARSE_WORKER_ROLE, task },
    transferList: [task.bytes],
    // A file that needs more than this to parse is refused rather than taking the server's memory.
    resourceLimits: { maxOldGenerationSizeMb: 1024 }
  };
  return new Promise((resolve, reject) => {
    const worker = url.pathname.endsWith('.ts')
      ? // Under Vitest and `vite dev` the module is TypeScript source: tsx loads it (and resolves $lib).
        new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`, { ...options, eval: true })
      : new Worker(url, options);
    let answered = false;
    worker.once('message', (result: ParseResult<T>) => {
      answered = true;
      resolve(result);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`The parse worker stopped (exit code ${code}) without an answer.`));
    });
  });
}
