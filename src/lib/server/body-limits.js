// Plain JavaScript so that scripts/start.js (which sets adapter-node's BODY_SIZE_LIMIT) and the
// app's per-route limits (request-body-limit.ts) share one set of numbers.

const MB = 1024 * 1024;

/**
 * A ward boundary file (GeoJSON or TopoJSON). All England's 6,826 wards are 3.9 MB as the shared
 * TopoJSON and 11.4 MB as GeoJSON; an ONS download of a few local authorities is well under 1 MB.
 */
export const BOUNDARY_FILE_MAX_BYTES = 20 * MB;

/** A ward indicator CSV: the England IMD files are at most 2.3 MB (some 7,000 rows). */
export const INDICATOR_FILE_MAX_BYTES = 10 * MB;

/** A page's form (sign-in, settings, people…): text fields only, and a file's form fields. */
export const FORM_MAX_BYTES = 1 * MB;

/** A pull asks for changes after a cursor: a few hundred bytes. */
export const PULL_MAX_BYTES = 10_000;

/** Any other JSON request to the API (enrolment, a PIN): each of those routes reads far less itself. */
export const API_JSON_MAX_BYTES = 64 * 1024;

/**
 * adapter-node's BODY_SIZE_LIMIT, the ceiling for every route: the largest route limit, the
 * set-up form (a boundary file and the form's fields).
 */
export const BODY_SIZE_CEILING = BOUNDARY_FILE_MAX_BYTES + FORM_MAX_BYTES;

/**
 * A size as people read it: "20 MB", "64 KB", "2,000,000 bytes".
 * @param {number} bytes
 */
export function describeBytes(bytes) {
  if (bytes % MB === 0) return `${bytes / MB} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes.toLocaleString('en-GB')} bytes`;
}
