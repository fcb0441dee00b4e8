import { Workbox } from 'workbox-window';

/**
 * Registers the Workbox service worker that precaches the app, so every page opens offline.
 * Not in development, where Vite serves modules that are not precached.
 */
export function registerServiceWorker(isDev: boolean): Workbox | null {
  if (isDev || !('serviceWorker' in navigator)) return null;
  const workbox = new Workbox('/sw.js', { scope: '/' });
  void workbox.register();
  return workbox;
}
