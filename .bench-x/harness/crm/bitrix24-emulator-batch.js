import { parsePhpQuery } from './bitrix24-emulator-form.js';
import { EmuError } from './bitrix24-emulator-telephony.js';
const MAX_COMMANDS = 50;
const REF = /^\$(result|next|total|error|time)\[([^\]]+)\]((?:\[[^\]]*\])*)$/;
function lookup(parts, ref) {
    const m = REF.exec(ref);
    if (!m)
        return ref;
    const map = parts[`result${m[1] === 'result' ? '' : `_${m[1]}`}`];
    let node = map[m[2] ?? ''];
    for (const step of (m[3] ?? '').matchAll(/\[([^\]]*)\]/g)) {
        if (!node || typeof node !== 'object')
            return map; // a missing path gives the whole map (doc §5)
        node = node[step[1] ?? ''];
    }
    return node === undefined ? map : node;
}
function substitute(v, parts) {
    if (typeof v === 'string')
        return v.startsWith('$') ? lookup(parts, v) : v;
    if (Array.isArray(v))
        return v.map((x) => substitute(x, parts));
    if (v && typeof v === 'object')
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, parts)]));
    return v;
}
function phpMap(m) {
    return Object.keys(m).length === 0 ? [] : m;
}
/** `batch` (doc §5): ≤ 50 commands in order, the rest get ERROR_BATCH_LENGTH_EXCEEDED; halt; $result references. */
export function runBatch(p, run, nowSec) {
    const cmd = p['cmd'] && typeof p['cmd'] === 'object' ? p['cmd'] : {};
    const halt = String(p['halt'] ?? '0') === '1';
    const parts = { result: {}, result_error: {}, result_total: {}, result_next: {}, result_time: {} };
    let index = 0;
    for (const [key, value] of Object.entries(cmd)) {
        index += 1;
        if (index > MAX_COMMANDS) {
            parts.result_error[key] = { error: 'ERROR_BATCH_LENGTH_EXCEEDED', error_description: 'Max batch length exceeded' };
            continue;
        }
        if (typeof value !== 'string')
            continue;
        const q = value.indexOf('?');
        const method = (q < 0 ? value : value.slice(0, q)).toLowerCase();
        const params = substitute(parsePhpQuery(q < 0 ? '' : value.slice(q + 1)), parts);
        const start = nowSec();
        try {
            if (method === 'batch')
                throw new EmuError('ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage', 405);
            const r = run(method, params);
            parts.result[key] = r.result;
            if (r.total !== undefined)
                parts.result_total[key] = r.total;
            if (r.next !== undefined)
                parts.result_next[key] = r.next;
            parts.result_time[key] = { start, finish: nowSec(), duration: nowSec() - start, processing: 0 };
        }
        catch (err) {
            const e = err instanceof EmuError ? err : new EmuError('INTERNAL_SERVER_ERROR', String(err), 500);
            parts.result_error[key] = { error: e.code, error_description: e.description };
            if (halt)
                break;
        }
    }
    return {
        result: phpMap(parts.result), result_error: phpMap(parts.result_error), result_total: phpMap(parts.result_total),
        result_next: phpMap(parts.result_next), result_time: phpMap(parts.result_time),
    };
}
