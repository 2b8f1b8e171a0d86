/**
 * Keeps show/hide ahead of finish for one call. sync/ may issue hideCard and finishCall together so they share one
 * batch; commands in a batch run in order, and a hide sent after finish does nothing (the call is gone). A card push
 * enters here when it starts and leaves once its command is queued; finish waits until the pushes started before it
 * (or in the same tick) have been queued, so it lands behind them (still in the same batch window).
 */
export class CardOrder {
    pending = new Map();
    /** A card push for this CRM call id has started; call the returned function once its command is queued (or not sent). */
    enter(crmCallId) {
        let release = () => undefined;
        const queued = new Promise((resolve) => { release = resolve; });
        const set = this.pending.get(crmCallId) ?? new Set();
        set.add(queued);
        this.pending.set(crmCallId, set);
        return () => {
            release();
            set.delete(queued);
            if (set.size === 0 && this.pending.get(crmCallId) === set)
                this.pending.delete(crmCallId);
        };
    }
    /** Resolves once every card push started so far (or in the same tick) for this call has been queued. */
    async queued(crmCallId) {
        await new Promise((resolve) => setImmediate(resolve)); // pushes started in the same tick enter first
        const set = this.pending.get(crmCallId);
        if (set)
            await Promise.all([...set]);
    }
}
