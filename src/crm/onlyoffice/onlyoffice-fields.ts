/**
 * Reading ONLYOFFICE replies. Key casing differs between versions (`ID` / `id`, `DisplayName` / `displayName`;
 * docs/onlyoffice-crm.md §1 calls the live casing unconfirmed), so every key is looked up case-insensitively.
 */
export type Fields = Readonly<Record<string, unknown>>;

export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function field(obj: unknown, name: string): unknown {
  if (!isFields(obj)) return undefined;
  if (name in obj) return obj[name];
  const lower = name.toLowerCase();
  const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : obj[key];
}

/** An id as a string (ONLYOFFICE ids are ints; user ids are GUIDs); null when absent. */
export function idField(obj: unknown, name = 'id'): string | null {
  const v = field(obj, name);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return null;
}

export function textField(obj: unknown, name: string): string | null {
  const v = field(obj, name);
  return typeof v === 'string' ? v : null;
}

export function listField(obj: unknown, name: string): readonly unknown[] | null {
  const v = field(obj, name);
  return Array.isArray(v) ? v : null;
}

export function boolField(obj: unknown, name: string): boolean {
  const v = field(obj, name);
  return v === true || v === 'true';
}
