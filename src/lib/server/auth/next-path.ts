/**
 * Where to send someone after they sign in: the page they were on, given as `?next=`, only when
 * it is a path on this site. Anything else (another site, `//host`, `/\host`, a scheme, the
 * sign-in page itself) goes to the start page, so a link cannot send a person elsewhere.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || next.length > 2000 || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  // Browsers ignore tabs and newlines in URLs and read a backslash as a slash.
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return '/';
  const base = 'http://anchor-listening.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return '/';
  }
  if (url.origin !== base || url.pathname === '/sign-in') return '/';
  return url.pathname + url.search + url.hash;
}
