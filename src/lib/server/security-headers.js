// Plain JavaScript so that scripts/serve.js (which serves the built app, static files included)
// and the app itself share one list.

/**
 * Headers on every response. Pages get their full Content-Security-Policy from SvelteKit
 * (`kit.csp` in svelte.config.js, with a nonce or hash for its one inline script); this policy
 * covers everything else (static files, API answers).
 * @type {Record<string, string>}
 */
export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'geolocation=(self), camera=(), microphone=(), payment=(), usb=(), interest-cohort=()',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
};

/**
 * The page policy SvelteKit completes with a nonce or hash for its inline script. Styles may be
 * inline (Svelte and Leaflet set them); scripts never. Images and connections may reach other
 * origins: the base-map tile server is set at run time (MAP_TILE_URL), and a coordinator's browser
 * downloads ward boundaries from the ONS service at an address they may change, while this policy
 * is fixed at build time, in the app shell the service worker keeps offline. Nothing a user types
 * is ever rendered as HTML, and no script runs but the app's own.
 * @type {Record<string, string[]>}
 */
export const PAGE_CSP_DIRECTIVES = {
  'default-src': ['self'],
  'script-src': ['self'],
  'style-src': ['self', 'unsafe-inline'],
  'img-src': ['self', 'data:', 'blob:', 'https:', 'http:'],
  'connect-src': ['self', 'https:', 'http:'],
  'font-src': ['self'],
  'manifest-src': ['self'],
  'worker-src': ['self'],
  'object-src': ['none'],
  'base-uri': ['self'],
  'form-action': ['self'],
  'frame-ancestors': ['none']
};
