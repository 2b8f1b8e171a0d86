import { describe, expect, it } from 'vitest';
import { begunUnseen, countWebhookDeliveries, handoverUnseen, neverRegistered } from '../../../harness/chaos/chaos-webhook-tally.js';
import { schedule } from '../../chaos/chaos-support.js';
/** What a correct daemon sends for a call: registered, finished with the PBX's outcome, its recordings, a missed call's task. */
function deliveriesOf(call, finish = {}) {
    const id = call.id;
    const operator = call.direction === 'outbound' ? call.callerExtension : call.answeredBy;
    const out = [
        { type: 'call.registered', id: `call.registered:${id}`, data: { callId: id }, duplicate: false },
        {
            type: 'call.finished', id: `call.finished:${id}`, duplicate: false,
            data: { callId: id, disposition: call.disposition, extension: operator, talkDurationSec: call.talkDurationSec ?? 0, ...finish },
        },
    ];
    call.recordingFiles.forEach((f, i) => out.push({ type: 'call.recording', id: `call.recording:${id}:${i}`, data: { callId: id, file: f }, duplicate: false }));
    if (call.direction === 'inbound' && call.answeredBy === null)
        out.push({ type: 'task.create', id: `task.create:${id}`, data: { callId: id }, duplicate: false });
    return out;
}
describe('countWebhookDeliveries (chaos through the webhook)', () => {
    it('counts every call delivered when each stage came once with the PBX\'s outcome, redeliveries of one id included', async () => {
        const s = await schedule(['inbound-answered.ami', 'inbound-missed.ami', 'outbound.ami', 'recorded-call.ami'], 4, 2);
        const all = [...s.expected.values()].flatMap((c) => deliveriesOf(c));
        const redelivery = { ...all[1], duplicate: true };
        const t = countWebhookDeliveries(s, [...all, redelivery]);
        expect(t).toMatchObject({ expected: 4, delivered: 4, lost: 0, duplicated: 0, wrongOutcome: 0, extra: 0, unobserved: 0, redelivered: 1 });
    });
    it('finds a lost finish, a stage under two ids, a wrong disposition or talk time, and a missing call-back task', async () => {
        const s = await schedule(['inbound-answered.ami', 'inbound-missed.ami', 'outbound.ami', 'recorded-call.ami'], 4, 2);
        const [answered, missed, outbound, recorded] = [...s.expected.values()];
        if (!answered || !missed || !outbound || !recorded)
            throw new Error('schedule has fewer calls');
        const t = countWebhookDeliveries(s, [
            ...deliveriesOf(answered, { talkDurationSec: (answered.talkDurationSec ?? 0) + 5 }),
            ...deliveriesOf(missed).filter((d) => d.type !== 'task.create'),
            ...deliveriesOf(outbound, { disposition: 'missed' }),
            { type: 'call.registered', id: 'call.registered:other', data: { callId: outbound.id }, duplicate: false },
            ...deliveriesOf(recorded).filter((d) => d.type !== 'call.finished'),
        ]);
        expect(t.lostIds).toEqual([missed.id, recorded.id]);
        expect(t.missing).toEqual([`${missed.id} call-back task`, `${recorded.id} call.finished`]);
        expect(t.duplicatedIds).toEqual([outbound.id]);
        expect(t.wrong.map((w) => w.split(':')[0])).toEqual([`${answered.id} talk`, `${outbound.id} disposition`]);
        expect(t.delivered).toBe(1);
    });
    it('holds a call that ended unseen to nothing but its delivery, and one answered unseen not to its talk time', async () => {
        const s = await schedule(['inbound-answered.ami', 'outbound.ami'], 2, 2);
        const [a, b] = [...s.expected.values()];
        if (!a || !b)
            throw new Error('schedule has fewer calls');
        const t = countWebhookDeliveries(s, [
            ...deliveriesOf(a, { disposition: 'missed', talkDurationSec: 0, endedUnobserved: true, endReason: 'vanished' }),
            ...deliveriesOf(b, { talkDurationSec: 0, answerUnobserved: true }),
        ]);
        expect(t).toMatchObject({ delivered: 2, lost: 0, wrongOutcome: 0, unobserved: 1 });
    });
    it('does not hold a call picked up by a resync to a recording that started before anyone read AMI', async () => {
        const s = await schedule(['recorded-call.ami'], 1, 0);
        const [call] = [...s.expected.values()];
        if (!call)
            throw new Error('schedule has no call');
        expect(call.recordingFiles.length).toBeGreaterThan(0);
        const without = deliveriesOf(call).filter((d) => d.type !== 'call.recording');
        expect(countWebhookDeliveries(s, without)).toMatchObject({ lost: 1, missing: [`${call.id} recordings 0/1`] });
        expect(countWebhookDeliveries(s, without, new Set([call.id]))).toMatchObject({ lost: 0, delivered: 1, recordingsUnseen: 1 });
    });
    it('takes the dark-window allowances from the frames of each call: begun, handed over or wholly unseen', async () => {
        const s = await schedule(['inbound-answered.ami', 'blind-transfer.ami'], 2, 2);
        const [first, second] = [...s.windows];
        if (!first || !second)
            throw new Error('schedule has fewer calls');
        const [firstId, w1] = first;
        const [secondId, w2] = second;
        const handover = w2.handoverFrames[0];
        if (handover === undefined)
            throw new Error('the blind transfer changes hands');
        expect(begunUnseen(s, [[w1.firstFrame, w1.firstFrame + 1]])).toEqual(new Set([firstId]));
        expect(handoverUnseen(s, [[handover, handover + 1]])).toEqual(new Set([secondId]));
        expect(handoverUnseen(s, [[w2.firstFrame, handover]])).toEqual(new Set()); // [from, to): the handover frame itself was read
        const dark = [[w1.lastFrame, w1.lastFrame + 1]];
        expect(neverRegistered(s, dark, [], firstId)).toBe(true);
        expect(neverRegistered(s, dark, [{ type: 'call.registered', id: 'r', data: { callId: firstId }, duplicate: false }], firstId)).toBe(false);
        expect(neverRegistered(s, [], [], firstId)).toBe(false);
    });
});
