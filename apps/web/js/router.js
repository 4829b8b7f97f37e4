/** Routes on location.hash ('#/sections/CS101-1'), so every view has an address that can be shared or edited. */
const routes = [];

/** `roles`: the roles the view is for; omitted, anyone (the sign-in page). */
export function route(pattern, view, roles) {
  const keys = [];
  const source = pattern.replace(/:(\w+)/g, (_, key) => {
    keys.push(key);
    return '([^/]+)';
  });
  routes.push({ regex: new RegExp(`^${source}$`), keys, view, roles });
}

export function currentPath() {
  return location.hash.replace(/^#/, '') || '/';
}

/** The view for a path with its decoded parameters and the roles it is for, or undefined. */
export function match(path) {
  for (const { regex, keys, view, roles } of routes) {
    const found = regex.exec(path);
    if (!found) continue;
    try {
      const params = Object.fromEntries(keys.map((key, i) => [key, decodeURIComponent(found[i + 1])]));
      return { view, params, roles };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export const navigate = (hash) => {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
};

export const link = (...parts) => `#/${parts.map((p) => encodeURIComponent(p)).join('/')}`;
