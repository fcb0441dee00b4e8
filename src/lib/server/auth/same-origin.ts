/**
 * The JSON API serves only the app's own pages and tablets: a request naming another host, or
 * sent from another site's page, is refused before anything is read (DNS rebinding, cross-site
 * requests). `url` is the app's own address as adapter-node sees it (ORIGIN). Null when fine.
 */
export function foreignRequestRefusal(request: Request, url: URL): string | null {
  const host = request.headers.get('host');
  if (host && host.toLowerCase() !== url.host.toLowerCase()) return `This server answers for ${url.host}, not ${host}.`;
  const origin = request.headers.get('origin');
  if (origin && origin !== url.origin) return 'Requests from other sites are refused.';
  return null;
}
