// Prerendered so the service worker precaches it and the map opens offline.
export const prerender = true;
