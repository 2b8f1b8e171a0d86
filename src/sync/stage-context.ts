import type { CallEvent } from '../calls/call.js';

/** What the worker lends a stage: the call's later stages already queued (none when applied directly). */
export interface StageContext {
  later(): Promise<readonly CallEvent[]>;
}

export const NO_LATER: StageContext = { later: () => Promise.resolve([]) };
