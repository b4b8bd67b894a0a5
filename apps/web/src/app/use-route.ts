import { useCallback, useSyncExternalStore } from 'react';
import { parseRoute, type Route, routePath } from './route';

const NAVIGATE = 'confab:navigate';

function subscribe(listener: () => void) {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATE, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATE, listener);
  };
}

let cached: { key: string; route: Route } | undefined;
function current(): Route {
  const key = window.location.pathname + window.location.search;
  if (cached?.key !== key)
    cached = { key, route: parseRoute(window.location.pathname, window.location.search) };
  return cached.route;
}

/** The route in the address bar; navigating pushes a history entry, so Back works. */
export function useRoute(): [Route, (route: Route) => void] {
  const route = useSyncExternalStore(subscribe, current);
  const navigate = useCallback((next: Route) => {
    const path = routePath(next);
    if (path !== window.location.pathname + window.location.search) window.history.pushState(null, '', path);
    window.dispatchEvent(new Event(NAVIGATE));
  }, []);
  return [route, navigate];
}
