import { EXPORTERS } from '$lib/domain/access';
import { guardEndpoint } from '$lib/server/auth/guard';
import { wardFiguresDownload } from '$lib/server/ward-figures-export';
import type { RequestHandler } from './$types';

/** Ward figures as GeoJSON for GIS teams, with the map's filters in the query string (?theme=…&from=…&to=…&event=…&organisation=…&deprived=…). */
export const GET: RequestHandler = guardEndpoint(EXPORTERS, ({ locals, url }, caller) => wardFiguresDownload(locals.store, caller, url.searchParams));
