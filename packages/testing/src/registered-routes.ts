// The routes an Express 5 app really serves, so a service's OpenAPI document can be checked
// against them. Read structurally from the app's router: testing does not depend on express.

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouteLayer[] };
}

/**
 * Every `METHOD /path` registered on an Express 5 app, routers included, in OpenAPI form (`:id` and
 * `*rest` as `{id}`, `{rest}`),
 * sorted.
 *
 * @example
 *   expect(registeredRoutes(app)).toEqual(Object.keys(document.paths).flatMap(...).sort());
 */
export function registeredRoutes(app: object): string[] {
  const routes: string[] = [];
  const walk = (stack: RouteLayer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on && method !== '_all') {
            routes.push(`${method} ${layer.route.path.replace(/[:*](\w+)/g, '{$1}')}`);
          }
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as { router: { stack: RouteLayer[] } }).router.stack);
  return routes.sort();
}
