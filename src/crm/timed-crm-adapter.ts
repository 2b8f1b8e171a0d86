import type { CrmAdapter } from './adapter.js';
import { PermanentError, RetryableError } from './crm-errors.js';

/** How one CRM adapter operation ended: resolved, or the error class it threw (anything else is `error`). */
export type CrmRequestResult = 'ok' | 'retryable' | 'permanent' | 'error';

export interface CrmRequestSample {
  readonly adapter: string;
  /** The CrmAdapter method (findByPhone, registerCall, …): a fixed set, never ids or URLs. */
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

/** The CrmAdapter methods that talk to the CRM (close() is not timed). */
const TIMED_METHODS: ReadonlySet<string> = new Set<keyof CrmAdapter>([
  'findByPhone', 'createEntity', 'registerCall', 'showCard', 'hideCard', 'setResponsible', 'finishCall',
  'attachRecordings', 'createTask', 'completeTask', 'findResponsible', 'extensionOfUser',
]);

function resultOf(err: unknown): CrmRequestResult {
  if (err instanceof RetryableError) return 'retryable';
  if (err instanceof PermanentError) return 'permanent';
  return 'error';
}

/**
 * The same adapter (a Proxy: `instanceof` and adapter-specific members still work) whose CrmAdapter methods report
 * their duration and outcome to `observe`. Knows nothing of any CRM: the adapters keep their details.
 */
export function timedCrmAdapter<T extends CrmAdapter>(inner: T, observe: (sample: CrmRequestSample) => void): T {
  const wrapped = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  const timed = (method: string, fn: (...args: unknown[]) => unknown) => async (...args: unknown[]): Promise<unknown> => {
    const startedAt = performance.now();
    const report = (result: CrmRequestResult, err?: unknown) => observe({
      adapter: inner.name, method, result, durationMs: performance.now() - startedAt, callId: callIdOf(args),
      ...(err === undefined ? {} : { errorMessage: err instanceof Error ? err.message : String(err) }),
    });
    try {
      const value: unknown = await fn.apply(inner, args);
      report('ok');
      return value;
    } catch (err) {
      report(resultOf(err), err);
      throw err;
    }
  };
  return new Proxy(inner, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (typeof prop !== 'string' || !TIMED_METHODS.has(prop)) return value.bind(target);
      let fn = wrapped.get(prop);
      if (!fn) { fn = timed(prop, value as (...args: unknown[]) => unknown); wrapped.set(prop, fn); }
      return fn;
    },
  });
}
