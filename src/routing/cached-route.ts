import type { ClientData } from '../crm/adapter.js';

/** One Redis route entry (`<prefix>:route:<E.164>`): responsible extension, user id, name; caller name; client data. */
export interface CachedRoute {
  readonly e: string | null;
  readonly u: string | null;
  readonly n: string | null;
  readonly c: string | null;
  readonly d: ClientData | null;
}

const str = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : null);

function clientOf(v: unknown): ClientData | null {
  if (typeof v !== 'object' || v === null) return null;
  const { fields, tags } = v as { fields?: unknown; tags?: unknown };
  const outFields: Record<string, readonly string[]> = {};
  if (typeof fields === 'object' && fields !== null) {
    for (const [k, value] of Object.entries(fields)) {
      const list = (Array.isArray(value) ? value : [value]).filter((x): x is string => typeof x === 'string');
      if (list.length > 0) outFields[k] = list;
    }
  }
  const outTags = Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
  return { fields: outFields, tags: outTags };
}

/** Reads an entry written by this or an older version (which had no `c`/`d`); garbage is "nobody". */
export function parseCachedRoute(text: string, extension: RegExp): CachedRoute {
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    const e = str(v['e']);
    return { e: e && extension.test(e) ? e : null, u: str(v['u']), n: str(v['n']), c: str(v['c']), d: clientOf(v['d']) };
  } catch {
    return { e: null, u: null, n: null, c: null, d: null };
  }
}
