// Background Sync, where the browser has it (Chromium): when a connection comes back, the browser
// wakes the service worker with a 'sync' event even if the app is in the background, and the
// worker asks the app's open pages to sync. (The sync engine itself runs in the page; Safari has
// no Background Sync, so the app also syncs when it opens and when it comes back online.)
self.addEventListener('sync', (event) => {
  if (event.tag !== 'anchor-listening-sync') return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window' }).then((pages) => pages.forEach((page) => page.postMessage({ type: 'sync-now' })))
  );
});
