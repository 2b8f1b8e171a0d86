import { PermanentError, RetryableError } from '../errors.js';
import { CRM_CAPABILITIES, type CrmAdapter, type CrmPart } from './adapter.js';

/** How one CRM adapter operation ended: resolved, or the error class it threw (anything else is `error`). */
export type CrmRequestResult = 'ok' | 'retryable' | 'permanent' | 'error';

export interface CrmRequestSample {
  readonly adapter: string;
  /** The operation (findByPhone, registerCall, card.show, tasks.create, …): a fixed set, never ids or URLs. */
  readonly method: string;
  readonly result: CrmRequestResult;
  readonly durationMs: number;
  /** The call the operation was for, when its first argument names one (CallStart, CrmCallRef); else null. */
  readonly callId?: string | null;
  /** The message of the error it threw (may carry secrets: scrub before keeping it). */
  readonly errorMessage?: string;
}

function callIdOf(args: readonly unknown[]): string | null {
  const first = args[0];
  if (typeof first !== 'object' || first === null || !('callId' in first)) return null;
  return typeof first.callId === 'string' ? first.callId : null;
}

/** The CrmAdapter methods that talk to the CRM (close() is not timed); the parts' methods are all timed. */
const TIMED_METHODS: ReadonlySet<string> = new Set<keyof CrmAdapter>(['findByPhone', 'createEntity', 'registerCall', 'finishCall', 'extensionOfUser']);
const PARTS: ReadonlySet<string> = new Set<CrmPart>(Object.values(CRM_CAPABILITIES));

function resultOf(err: unknown): CrmRequestResult {
  if (err instanceof RetryableError) return 'retryable';
  if (err instanceof PermanentError) return 'permanent';
  return 'error';
}

type Observe = (sample: CrmRequestSample) => void;
type Method = (...args: unknown[]) => unknown;

function timed(adapter: string, method: string, target: object, fn: Method, observe: Observe) {
  return async (...args: unknown[]): Promise<unknown> => {
    const startedAt = performance.now();
    const report = (result: CrmRequestResult, err?: unknown) => observe({
      adapter, method, result, durationMs: performance.now() - startedAt, callId: callIdOf(args),
      ...(err === undefined ? {} : { errorMessage: err instanceof Error ? err.message : String(err) }),
    });
    try {
      const value: unknown = await fn.apply(target, args);
      report('ok');
      return value;
    } catch (err) {
      report(resultOf(err), err);
      throw err;
    }
  };
}

/** A Proxy over `target` whose methods named by `isTimed` report as `${prefix}${name}`; `wrapped` caches them. */
function timedProxy<T extends object>(target: T, adapter: string, prefix: string, isTimed: (prop: string) => boolean, observe: Observe): T {
  const wrapped = new Map<string, unknown>();
  return new Proxy(target, {
    get(t, prop) {
      const value: unknown = Reflect.get(t, prop, t);
      if (typeof prop !== 'string') return typeof value === 'function' ? value.bind(t) : value;
      if (prefix === '' && PARTS.has(prop) && typeof value === 'object' && value !== null) {
        if (!wrapped.has(prop)) wrapped.set(prop, timedProxy(value, adapter, `${prop}.`, () => true, observe));
        return wrapped.get(prop);
      }
      if (typeof value !== 'function') return value;
      if (!isTimed(prop)) return value.bind(t);
      if (!wrapped.has(prop)) wrapped.set(prop, timed(adapter, `${prefix}${prop}`, t, value as Method, observe));
      return wrapped.get(prop);
    },
  });
}

/**
 * The same adapter (a Proxy: `instanceof` and adapter-specific members still work) whose CrmAdapter methods, and the
 * methods of its parts (card.show, tasks.create, responsible.find, …), report their duration and outcome to
 * `observe`. A part it lacks stays absent. Knows nothing of any CRM: the adapters keep their details.
 */
export function timedCrmAdapter<T extends CrmAdapter>(inner: T, observe: Observe): T {
  return timedProxy(inner, inner.name, '', (prop) => TIMED_METHODS.has(prop), observe);
}
