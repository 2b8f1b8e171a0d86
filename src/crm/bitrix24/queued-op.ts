import type { Logger } from '../../log.js';

export type Params = Record<string, unknown>;

/** A list page: `next` is the `start` of the following page, or null on the last one. */
export interface Page<T> { readonly result: T; readonly total: number | null; readonly next: number | null }

/** One command of a chain; its params may hold BatchRef values pointing at earlier commands of the same chain. */
export interface ChainStep { readonly method: string; readonly params: Params }

/** The outcome of one command of a chain: its page (`skipped`: not sent, see Revise), or the error it got (classified like call()'s). */
export type StepOutcome = { readonly ok: true; readonly page: Page<unknown>; readonly skipped?: true } | { readonly ok: false; readonly error: Error };

/**
 * Asked right before an operation leaves (it may have waited long for the budget): its steps as they should go now,
 * a step null when it is no longer wanted (not sent, it comes back `skipped`; no other step may refer to it). Asked
 * again before each resend; the same number of steps, or the answer is ignored. If it throws, the steps go as they are.
 */
export type Revise = (steps: readonly ChainStep[]) => Promise<ReadonlyArray<ChainStep | null>>;

/** One queued operation: a single command, or a chain that always goes out in one request, in order. */
export interface Op {
  readonly steps: readonly ChainStep[];
  readonly solo: boolean;
  readonly revise: Revise | undefined;
  readonly enqueuedAtMs: number;
  attempts: number;
  notBeforeMs: number;
  resolve(outcomes: StepOutcome[]): void;
  reject(err: Error): void;
}

/** An operation about to leave, with its steps as they go now (null: not sent). */
export interface RevisedOp { readonly op: Op; readonly steps: ReadonlyArray<ChainStep | null> }

/** A step its Revise dropped: not sent, not failed. */
export const SKIPPED: StepOutcome = { ok: true, page: { result: null, total: null, next: null }, skipped: true };

/** Asks each operation's Revise; an operation left with nothing to send is resolved here (every step skipped) and not returned. */
export async function reviseOps(ops: readonly Op[], log: Logger): Promise<RevisedOp[]> {
  const revised = await Promise.all(ops.map(async (op) => ({ op, steps: op.revise ? await reviseOne(op, op.revise, log) : op.steps })));
  return revised.filter(({ op, steps }) => {
    if (steps.some((s) => s !== null)) return true;
    op.resolve(steps.map(() => SKIPPED));
    return false;
  });
}

async function reviseOne(op: Op, revise: Revise, log: Logger): Promise<ReadonlyArray<ChainStep | null>> {
  try {
    const steps = await revise(op.steps);
    return steps.length === op.steps.length ? steps : op.steps;
  } catch (err) {
    log.warn({ err, methods: op.steps.map((s) => s.method) }, 'bitrix24: could not check whether a queued request is still wanted; sent as it is');
    return op.steps;
  }
}
