/** Decodes PHP-style form data (`fields[PHONE][0][VALUE]=…`, `USER_ID[]=1`) as Bitrix24's PHP does. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };

function keysOf(name: string): string[] {
  const first = name.indexOf('[');
  if (first < 0) return [name];
  const keys = [name.slice(0, first)];
  for (const m of name.slice(first).matchAll(/\[([^\]]*)\]/g)) keys.push(m[1] ?? '');
  return keys;
}

function assign(target: Record<string, FormValue>, keys: string[], value: string): void {
  let node: Record<string, FormValue> = target;
  keys.forEach((rawKey, i) => {
    const key = rawKey === '' ? String(Object.keys(node).length) : rawKey;
    if (i === keys.length - 1) { node[key] = value; return; }
    const next = node[key];
    if (!next || typeof next !== 'object') node[key] = {};
    node = node[key] as Record<string, FormValue>;
  });
}

/** Objects whose keys are 0..n-1 become arrays, like PHP lists. */
function listify(v: FormValue): FormValue {
  if (typeof v === 'string' || Array.isArray(v)) return v;
  const entries = Object.entries(v).map(([k, x]) => [k, listify(x)] as const);
  const isList = entries.length > 0 && entries.every(([k], i) => k === String(i));
  return isList ? entries.map(([, x]) => x) : Object.fromEntries(entries);
}

export function parsePhpQuery(query: string): Record<string, FormValue> {
  const out: Record<string, FormValue> = {};
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const name = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
    const value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
    assign(out, keysOf(name), value);
  }
  return listify(out) as Record<string, FormValue>;
}
