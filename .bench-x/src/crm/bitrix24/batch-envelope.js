import { toPhpQuery } from './php-query.js';
/**
 * A parameter that takes the result of an earlier command of the same chain: Bitrix24's batch substitutes
 * `$result[<key>][<path>…]` before running the command (docs/bitrix24-telephony.md §5). A parameter that is exactly the
 * reference becomes the raw value; a missing path (the earlier command failed) becomes the whole result map.
 */
export class BatchRef {
    step;
    path;
    constructor(step, path) {
        this.step = step;
        this.path = path;
    }
    toReference(keyOfStep) {
        return `$result[${keyOfStep(this.step)}]${this.path.map((p) => `[${p}]`).join('')}`;
    }
}
/** BatchRef values at any depth (e.g. `fields[CONTACT_ID]`) become their `$result[...]` strings. */
function withReferences(value, keyOfStep) {
    if (value instanceof BatchRef)
        return value.toReference(keyOfStep);
    if (Array.isArray(value))
        return value.map((v) => withReferences(v, keyOfStep));
    if (value && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withReferences(v, keyOfStep)]));
    return value;
}
/** One `cmd[...]` value: `method?<php-style query>`; BatchRef values become `$result[...]` references. */
export function toBatchCommand(method, params, keyOfStep = (s) => `c${s}`) {
    const query = toPhpQuery(withReferences(params, keyOfStep));
    return query ? `${method}?${query}` : method;
}
function part(result, name) {
    const v = result[name];
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
}
function num(v) {
    return typeof v === 'number' ? v : null;
}
/** Splits a successful `batch` reply into one reply per command, by the keys the commands were sent under. */
export function unpackBatch(reply, commands) {
    if (!reply.ok)
        return commands.map(() => reply);
    const outer = (reply.result && typeof reply.result === 'object' ? reply.result : {});
    const results = part(outer, 'result');
    const errors = part(outer, 'result_error');
    const totals = part(outer, 'result_total');
    const nexts = part(outer, 'result_next');
    return commands.map(({ key, method }) => {
        const err = errors[key];
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
