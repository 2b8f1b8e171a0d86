import { PermanentError, RetryableError } from '../errors.js';
import { CRM_CAPABILITIES } from './adapter.js';
function callIdOf(args) {
    const first = args[0];
    if (typeof first !== 'object' || first === null || !('callId' in first))
        return null;
    return typeof first.callId === 'string' ? first.callId : null;
}
/** The CrmAdapter methods that talk to the CRM (close() is not timed); the parts' methods are all timed. */
const TIMED_METHODS = new Set(['findByPhone', 'createEntity', 'registerCall', 'finishCall', 'extensionOfUser']);
const PARTS = new Set(Object.values(CRM_CAPABILITIES));
function resultOf(err) {
    if (err instanceof RetryableError)
        return 'retryable';
    if (err instanceof PermanentError)
        return 'permanent';
    return 'error';
}
function timed(adapter, method, target, fn, observe) {
    return async (...args) => {
        const startedAt = performance.now();
        const report = (result, err) => observe({
            adapter, method, result, durationMs: performance.now() - startedAt, callId: callIdOf(args),
            ...(err === undefined ? {} : { errorMessage: err instanceof Error ? err.message : String(err) }),
        });
        try {
            const value = await fn.apply(target, args);
            report('ok');
            return value;
        }
        catch (err) {
            report(resultOf(err), err);
            throw err;
        }
    };
}
/** A Proxy over `target` whose methods named by `isTimed` report as `${prefix}${name}`; `wrapped` caches them. */
function timedProxy(target, adapter, prefix, isTimed, observe) {
    const wrapped = new Map();
    return new Proxy(target, {
        get(t, prop) {
            const value = Reflect.get(t, prop, t);
            if (typeof prop !== 'string')
                return typeof value === 'function' ? value.bind(t) : value;
            if (prefix === '' && PARTS.has(prop) && typeof value === 'object' && value !== null) {
                if (!wrapped.has(prop))
                    wrapped.set(prop, timedProxy(value, adapter, `${prop}.`, () => true, observe));
                return wrapped.get(prop);
            }
            if (typeof value !== 'function')
                return value;
            if (!isTimed(prop))
                return value.bind(t);
            if (!wrapped.has(prop))
                wrapped.set(prop, timed(adapter, `${prefix}${prop}`, t, value, observe));
            return wrapped.get(prop);
        },
    });
}
/**
 * The same adapter (a Proxy: `instanceof` and adapter-specific members still work) whose CrmAdapter methods, and the
 * methods of its parts (card.show, tasks.create, responsible.find, …), report their duration and outcome to
 * `observe`. A part it lacks stays absent. Knows nothing of any CRM: the adapters keep their details.
 */
export function timedCrmAdapter(inner, observe) {
    return timedProxy(inner, inner.name, '', (prop) => TIMED_METHODS.has(prop), observe);
}
