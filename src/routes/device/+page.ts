// Prerendered so the service worker precaches it and the page opens offline.
export const prerender = true;
