// The whole UI renders in the browser from one prerendered shell, which the service worker
// serves for every page when offline. Data comes from IndexedDB and the API.
export const ssr = false;
