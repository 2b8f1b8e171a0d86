import type { Bitrix24Reply } from './bitrix24-transport.js';
import { toPhpQuery, type QueryValue } from './php-query.js';

/** One `cmd[...]` value: `method?<php-style query>`. */
export function toBatchCommand(method: string, params: Record<string, unknown>): string {
  const query = toPhpQuery(params as Record<string, QueryValue>);
  return query ? `${method}?${query}` : method;
}

function part(result: Record<string, unknown>, name: string): Record<string, unknown> {
  const v = result[name];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function num(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

/** Splits a successful `batch` reply into one reply per command (keys c0…cN, in order). */
export function unpackBatch(reply: Bitrix24Reply, methods: readonly string[]): Bitrix24Reply[] {
  if (!reply.ok) return methods.map(() => reply);
  const outer = (reply.result && typeof reply.result === 'object' ? reply.result : {}) as Record<string, unknown>;
  const results = part(outer, 'result');
  const errors = part(outer, 'result_error');
  const totals = part(outer, 'result_total');
  const nexts = part(outer, 'result_next');
  return methods.map((method, i): Bitrix24Reply => {
    const key = `c${i}`;
    const err = errors[key] as { error?: unknown; error_description?: unknown } | undefined;
    if (err && typeof err === 'object') {
      return {
        ok: false,
        failure: {
          method, status: null,
          code: typeof err.error === 'string' ? err.error : '',
          description: typeof err.error_description === 'string' ? err.error_description : '',
        },
      };
    }
    return { ok: true, result: key in results ? results[key] : null, total: num(totals[key]), next: num(nexts[key]), body: {} };
  });
}
