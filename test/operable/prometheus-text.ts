/** The samples of a Prometheus text exposition, by `name{label="value",…}` exactly as written. */
export function samples(text: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const split = line.lastIndexOf(' ');
    found.set(line.slice(0, split), Number(line.slice(split + 1)));
  }
  return found;
}

/** One sample's value, or undefined: labels in any order. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels);
  for (const [key, value] of samples(text)) {
    const open = key.indexOf('{');
    if ((open === -1 ? key : key.slice(0, open)) !== name) continue;
    const have = open === -1 ? '' : key.slice(open + 1, -1);
    const pairs = have === '' ? [] : have.split(/,(?=[a-zA-Z_]+=")/);
    if (pairs.length === wanted.length && wanted.every(([k, v]) => pairs.includes(`${k}="${v}"`))) return value;
  }
  return undefined;
}
