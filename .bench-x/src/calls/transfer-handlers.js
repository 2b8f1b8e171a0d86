import { readChannelFields } from './leg.js';
import { partyOf, reachedParty } from './leg-extension.js';
function record(core, call, transfer, out) {
    const last = call.transfers.at(-1);
    const repeated = last !== undefined && last.kind === transfer.kind && last.atMs === transfer.atMs
        && last.fromExtension === transfer.fromExtension && last.toTarget === transfer.toTarget;
    if (repeated)
        return; // the same transfer event delivered twice
    call.transfers.push(transfer);
    core.emit(call, 'transferred', transfer.atMs, out);
}
/** BlindTransfer: the transferee continues in the dialplan towards `Extension` under the same Linkedid. */
export function onBlindTransfer(core, ev, out) {
    if ((ev.fields['result'] ?? '') !== 'Success')
        return;
    const transferer = core.touch(readChannelFields(ev.fields, 'transferer'), ev.timeMs, out);
    const transferee = core.touch(readChannelFields(ev.fields, 'transferee'), ev.timeMs, out);
    let call = transferee ? core.callOf(transferee) : transferer ? core.callOf(transferer) : undefined;
    if (transferer && transferee)
        call = core.join(transferer, transferee, ev.timeMs, out);
    if (!call)
        return;
    record(core, call, {
        kind: 'blind',
        fromExtension: transferer ? partyOf(core, transferer) || null : null,
        toTarget: ev.fields['extension'] ?? '',
        atMs: ev.timeMs,
    }, out);
}
function joinAll(core, legs, atMs, out) {
    let call;
    let first = null;
    for (const leg of legs) {
        if (!leg)
            continue;
        if (first === null) {
            first = leg;
            call = core.callOf(leg);
        }
        else {
            call = core.join(first, leg, atMs, out) ?? call;
        }
    }
    return call;
}
/** AttendedTransfer (also "blonde": target still ringing): the two calls of the transferer become one. */
export function onAttendedTransfer(core, ev, out) {
    if ((ev.fields['result'] ?? '') !== 'Success')
        return;
    const f = ev.fields;
    const orig = core.touch(readChannelFields(f, 'origtransferer'), ev.timeMs, out);
    const second = core.touch(readChannelFields(f, 'secondtransferer'), ev.timeMs, out);
    const transferee = core.touch(readChannelFields(f, 'transferee'), ev.timeMs, out);
    const target = core.touch(readChannelFields(f, 'transfertarget'), ev.timeMs, out);
    const call = joinAll(core, [orig, second, transferee, target], ev.timeMs, out);
    if (!call)
        return;
    // blonde transfer (DestType App, no target channel): the party the consult call reached, or while a ring group
    // still rings several phones, the number the transferer dialled
    const toTarget = (target ? partyOf(core, target) : null)
        ?? (second ? reachedParty(core, second) : null)
        ?? (f['secondtransfererexten'] || f['secondtransfererconnectedlinenum'] || '');
    record(core, call, {
        kind: 'attended',
        fromExtension: orig ? partyOf(core, orig) || null : null,
        toTarget,
        atMs: ev.timeMs,
    }, out);
}
