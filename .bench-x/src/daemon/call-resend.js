import { PENDING_GRACE_MS } from '../sync/call-sync.js';
/** At most this many calls per range resend (ask again from the last one's end for more). */
export const RESEND_RANGE_MAX = 5000;
/** Automatic resends of one call that never completes, with growing pauses (5, 10, 20 … min), before it is given up. */
const AUTO_MAX = 6;
const SWEEP_BATCH = 200;
/** How long one instance's claim on one look at a pending call holds (a look takes well under a second). */
const CLAIM_MS = 10 * 60_000;
/** The step CallSync records when the CRM refused a registration for good: a resend tries again (the setting may be fixed). */
const REFUSED = 'register-refused';
/**
 * Sends journaled calls to the CRM again: their `ended` event goes back on the queue and CallSync repeats only the steps
 * not done yet (a call finished in the CRM is not finished twice), for any adapter. The sweep finds calls whose CRM
 * stages never completed (failed after the last attempt, failed for good, or lost with Redis) once nothing of theirs
 * is queued any more, i.e. after an outage, and resends them.
 */
export class CallResender {
    store;
    queue;
    log;
    constructor(store, queue, log) {
        this.store = store;
        this.queue = queue;
        this.log = log;
    }
    /** null: no ended call with this id is kept (unknown, internal, or older than the sync state's 7 days). */
    async one(id) {
        const ev = await this.store.endedEvent(id);
        if (!ev)
            return null;
        await this.store.forgetStep(id, REFUSED);
        return { id, status: await this.queue.resend(ev) };
    }
    async range(fromMs, toMs) {
        const ids = await this.store.endedBetween(fromMs, toMs, RESEND_RANGE_MAX + 1);
        const taken = ids.slice(0, RESEND_RANGE_MAX);
        let queued = 0;
        let alreadyQueued = 0;
        for (const id of taken) {
            const r = await this.one(id);
            if (r?.status === 'queued')
                queued += 1;
            if (r?.status === 'already-queued')
                alreadyQueued += 1;
        }
        return { queued, alreadyQueued, ids: taken, truncated: ids.length > RESEND_RANGE_MAX };
    }
    /** One pass over the pending calls that are due; returns the ids resent. Every instance sweeps; each look at a call is claimed by one. */
    async sweep(nowMs = Date.now()) {
        const resent = [];
        for (const { id, dueMs } of await this.store.pendingDue(nowMs, SWEEP_BATCH)) {
            if (!(await this.store.claimLook(id, dueMs, CLAIM_MS)))
                continue; // another instance sweeps this look at it
            const ev = await this.store.endedEvent(id);
            if (!ev) {
                await this.store.postpone(id, () => null);
                continue;
            }
            if (await this.queue.busy(id, ev.seq)) { // still being worked on (retries, an outage): look later
                await this.store.lookLater(id, nowMs + PENDING_GRACE_MS);
                continue;
            }
            const before = await this.store.postpone(id, (n) => (n >= AUTO_MAX ? null : nowMs + PENDING_GRACE_MS * 2 ** n));
            if (before >= AUTO_MAX) {
                this.log.error({ callId: id }, 'call never completed in the CRM after automatic resends; POST /v1/calls/{id}/resend once the CRM problem is fixed');
                continue;
            }
            await this.one(id);
            resent.push(id);
        }
        if (resent.length > 0)
            this.log.warn({ calls: resent.length }, 'calls whose CRM stages never completed were resent');
        return resent;
    }
    /** Sweeps every `everyMs`; returns the stop function. */
    start(everyMs = 60_000) {
        let running = false;
        const timer = setInterval(() => {
            if (running)
                return;
            running = true;
            this.sweep().catch((err) => this.log.debug({ err }, 'resend sweep failed')).finally(() => { running = false; });
        }, everyMs);
        timer.unref();
        return () => clearInterval(timer);
    }
}
