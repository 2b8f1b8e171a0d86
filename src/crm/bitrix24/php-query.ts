/** PHP-style form encoding (`fields[PHONE][0][VALUE]=…`), used for the command strings inside `batch`. */
export type QueryValue = string | number | boolean | null | undefined | readonly QueryValue[] | { readonly [key: string]: QueryValue };

function scalar(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'Y' : 'N';
  return String(value);
}

function collect(prefix: string, value: QueryValue, out: string[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => collect(`${prefix}[${i}]`, v, out));
    return;
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collect(`${prefix}[${k}]`, v, out);
    return;
  }
  out.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(scalar(value as string | number | boolean))}`);
}

/** Encodes params as PHP's http_build_query would; null/undefined values are left out, booleans become Y/N. */
export function toPhpQuery(params: Readonly<Record<string, QueryValue>>): string {
  const out: string[] = [];
  for (const [k, v] of Object.entries(params)) collect(k, v, out);
  return out.join('&');
}
