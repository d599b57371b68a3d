// A tiny router: template literals, regex literals and nested closures.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const ROUTE_PARAM = /\{(\w+)\}/g;
const banner = `Router {
  version: ${1 + 1}
}`;

export function compile(pattern) {
  const names = [];
  const source = pattern.replace(ROUTE_PARAM, (_, name) => {
    names.push(name);
    return '([^/]+)';
  });
  return { regex: new RegExp(`^${source}$`), names };
}

export class Router {
  constructor() {
    this.routes = [];
  }

  add(method, pattern, handler) {
    const { regex, names } = compile(pattern);
    this.routes.push({ method, regex, names, handler });
    return this;
  }

  match(method, url) {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.regex.exec(url);
      if (m) {
        const params = Object.fromEntries(route.names.map((n, i) => [n, m[i + 1]]));
        return { handler: route.handler, params };
      }
    }
    return null;
  }
}

export const serveStatic = (root) => async (req) => {
  const file = path.join(root, req.url.replace(/\.\.+/g, ''));
  const body = await readFile(file, 'utf8');
  return { status: 200, body: `${body}\n/* served ${file} { } */` };
};

function logRequest(req) {
  const line = `${req.method} ${req.url} {${Date.now()}}`;
  console.log(line);
}

const router = new Router()
  .add('GET', '/users/{id}', (req, params) => ({ id: params.id }))
  .add('GET', '/health', () => 'ok');

export default router;

export function parseQuery(url) {
  const index = url.indexOf('?');
  if (index < 0) return {};
  const query = {};
  for (const part of url.slice(index + 1).split('&')) {
    const [key, value = ''] = part.split('=');
    query[decodeURIComponent(key)] = decodeURIComponent(value);
  }
  return query;
}

export async function handle(router, req) {
  const found = router.match(req.method, req.url.split('?')[0]);
  if (!found) {
    return { status: 404, body: `no route for ${req.url} }` };
  }
  try {
    return await found.handler(req, found.params, parseQuery(req.url));
  } catch (err) {
    logRequest(req);
    return { status: 500, body: String(err) };
  }
}
