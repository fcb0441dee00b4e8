import type { Workbox } from 'workbox-window';

const UPDATE_CHECK_EVERY_MS = 30 * 60 * 1000;

/**
 * The Workbox service worker that precaches the app (so every page opens offline), and new
 * versions of it. A new version waits until the worker chooses to reload: it is offered, never
 * forced, so no one is interrupted mid-conversation. Drafts and the outbox live in IndexedDB and
 * are untouched by an update.
 */
export class AppUpdates {
  /** A new version is installed and waiting for a reload. */
  ready = $state(false);
  #workbox: Workbox | null = null;

  /** Not in development, where Vite serves modules that are not precached. */
  async register(isDev: boolean): Promise<void> {
    if (isDev || !('serviceWorker' in navigator) || this.#workbox) return;
    // Loaded after the page is up: nothing on screen waits for it.
    const { Workbox } = await import('workbox-window');
    const workbox = new Workbox('/sw.js', { scope: '/' });
    workbox.addEventListener('waiting', () => (this.ready = true));
    void workbox.register();
    this.#workbox = workbox;
    const check = () => void workbox.update().catch(() => undefined);
    window.addEventListener('online', check);
    setInterval(check, UPDATE_CHECK_EVERY_MS);
  }

  /** Activates the waiting version and reloads once it controls the page. */
  apply(): void {
    const workbox = this.#workbox;
    if (!workbox) return;
    workbox.addEventListener('controlling', () => window.location.reload());
    workbox.messageSkipWaiting();
  }
}

let appUpdates: AppUpdates | undefined;

export function getAppUpdates(): AppUpdates {
  appUpdates ??= new AppUpdates();
  return appUpdates;
}
