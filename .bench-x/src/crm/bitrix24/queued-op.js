/** A step its Revise dropped: not sent, not failed. */
export const SKIPPED = { ok: true, page: { result: null, total: null, next: null }, skipped: true };
/** Asks each operation's Revise; an operation left with nothing to send is resolved here (every step skipped) and not returned. */
export async function reviseOps(ops, log) {
    const revised = await Promise.all(ops.map(async (op) => ({ op, steps: op.revise ? await reviseOne(op, op.revise, log) : op.steps })));
    return revised.filter(({ op, steps }) => {
        if (steps.some((s) => s !== null))
            return true;
        op.resolve(steps.map(() => SKIPPED));
        return false;
    });
}
async function reviseOne(op, revise, log) {
    try {
        const steps = await revise(op.steps);
        return steps.length === op.steps.length ? steps : op.steps;
    }
    catch (err) {
        log.warn({ err, methods: op.steps.map((s) => s.method) }, 'bitrix24: could not check whether a queued request is still wanted; sent as it is');
        return op.steps;
    }
}
