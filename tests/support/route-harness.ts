import { isActionFailure, isHttpError, isRedirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { resolveCaller } from '../../src/lib/server/auth/caller';
import { guardPage } from '../../src/lib/server/auth/guard';
import type { Store } from '../../src/lib/server/store';

/**
 * A route called as SvelteKit calls it, in this process and without a build: the request hook's
 * work (the caller resolved into `locals`, the page guard), then the page's load, its form action
 * or the endpoint's handler. The answer's status follows SvelteKit's rules: `fail(n)` and
 * `error(n)` are n, a redirect its 3xx, an endpoint's Response its own status, and anything
 * thrown else is what SvelteKit answers 500 (a bug).
 */
/** A route's module: a page's `load` and `actions`, or an endpoint's method handlers (typed loosely: each route's event type is its own). */
export type RouteModule = object;

type Handler = (event: RequestEvent) => unknown;
interface Handlers {
  load?: Handler;
  actions?: Record<string, Handler>;
  GET?: Handler;
  POST?: Handler;
  PUT?: Handler;
  DELETE?: Handler;
}

export interface RouteCall {
  /** The route's id, as in PAGE_ACCESS: '/settings', '/wards/[code]'. */
  routeId: string;
  /** The path asked for, with its query. */
  path: string;
  params?: Record<string, string>;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A page's form action by name ('default' for the default action); absent for a load or an endpoint. */
  action?: string;
  body?: BodyInit;
  headers?: Record<string, string>;
  cookies?: Record<string, string>;
  /** Where the request comes from (rate limits count by it); loopback when absent. */
  clientAddress?: string;
}

export interface RouteAnswer {
  status: number;
  /** An endpoint's answer itself, to read its headers and body. */
  response?: Response;
  /** What was thrown, when the answer is a 500. */
  thrown?: unknown;
}

const ORIGIN = 'http://localhost';

function cookieJar(initial: Record<string, string>): Cookies {
  const jar = new Map(Object.entries(initial));
  return {
    get: (name) => jar.get(name),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    set: (name, value) => void jar.set(name, value),
    delete: (name) => void jar.delete(name),
    serialize: (name, value) => `${name}=${value}`
  };
}

export async function callRoute(store: Store, routeModule: RouteModule, call: RouteCall): Promise<RouteAnswer> {
  const module = routeModule as Handlers;
  const method = call.method ?? (call.action ? 'POST' : 'GET');
  const url = new URL(call.path, ORIGIN);
  const request = new Request(url, { method, body: call.body, headers: { origin: ORIGIN, ...call.headers } });
  const locals = { store } as App.Locals;
  const event = {
    request,
    url,
    params: call.params ?? {},
    route: { id: call.routeId },
    locals,
    cookies: cookieJar(call.cookies ?? {}),
    fetch,
    getClientAddress: () => call.clientAddress ?? '127.0.0.1',
    setHeaders: () => {},
    platform: undefined,
    isDataRequest: false,
    isSubRequest: false,
    isRemoteRequest: false,
    tracing: { enabled: false, root: undefined, current: undefined }
  } as unknown as RequestEvent;
  try {
    Object.assign(locals, await resolveCaller(store, event));
    if (!call.routeId.startsWith('/api/')) guardPage(event);
    if (call.action) {
      const action = module.actions?.[call.action];
      if (!action) return { status: 404 };
      const result = await action(event);
      return { status: isActionFailure(result) ? result.status : 200 };
    }
    const handler = module[method as 'GET'];
    if (handler) {
      const response = (await handler(event)) as Response;
      return { status: response.status, response };
    }
    if (method === 'GET' && module.load) {
      await module.load(event);
      return { status: 200 };
    }
    return { status: 405 };
  } catch (thrown) {
    if (isHttpError(thrown) || isRedirect(thrown)) return { status: thrown.status };
    return { status: 500, thrown };
  }
}
