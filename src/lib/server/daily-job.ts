/** A day, the interval of the server's housekeeping jobs. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Runs `run` now and then every `intervalMs` until stopped; stopping waits for a run under way,
 * so the database is not closed beneath it. A run that throws is logged with `failed` and tried
 * again at the next; the timer does not keep the process alive on its own.
 */
export function startDailyJob(run: () => Promise<void>, options: { intervalMs?: number; failed: (error: unknown) => void }): () => Promise<void> {
  let running: Promise<void> | null = null;
  const once = () => {
    running ??= run()
      .catch(options.failed)
      .finally(() => {
        running = null;
      });
  };
  once();
  const timer = setInterval(once, options.intervalMs ?? DAY_MS);
  timer.unref?.();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
