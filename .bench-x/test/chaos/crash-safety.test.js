import { describe, expect, it } from 'vitest';
import { frameIndex, schedule, testRig } from './chaos-support.js';
import { waitFor } from '../../harness/poll.js';
/**
 * kill -9 of the only daemon process mid-call, once while the call rings and once while it is answered; a new
 * process (new instance id) waits for the dead one's lease to expire, loads the saved tracker state, resyncs with
 * CoreShowChannels and goes on. The CRM must show the call registered once and finished once with the PBX's data.
 */
describe('crash safety (daemon child process, kill -9)', () => {
    it('finishes a call exactly once with the right data after kill -9 while ringing and again while talking', async () => {
        // inbound-answered: rings 2 s, talks 3 s; at speed 0.15 that is ~13 s ringing and ~20 s talking in wall time,
        // enough for a restart plus the dead holder's lease (4 s) to expire.
        const s = await schedule(['inbound-answered.ami'], 1, 0);
        const rig = await testRig({ schedule: s, speed: 0.15 });
        const [callId, expected] = [...s.expected][0] ?? [];
        expect(callId).toBeDefined();
        const answerFrame = frameIndex(s, 'BridgeEnter');
        const emuCalls = () => rig.emu.state.registered().filter((c) => c.params['EXTERNAL_CALL_ID'] === callId);
        const prefix = rig.leaseKey.split(':lease:')[0] ?? '';
        // a job still active at kill -9 waits for BullMQ's stalled-job check (30 s lock); kill between jobs to stay fast
        const completed = async (seq) => (await rig.redis.zscore(`${prefix}:bull:call-events:completed`, `${String(callId)}-${seq}`)) !== null;
        const first = await rig.spawn();
        // ringing stage synced (card shown to 201), the call still ringing: kill -9
        await waitFor(() => rig.emu.state.cards.some((c) => c.action === 'show' && c.ok), { what: 'the ringing call registered and its card shown', timeoutMs: 20_000 });
        await waitFor(() => completed(0), { what: 'the ringing job completed', timeoutMs: 5_000 });
        expect(rig.replay.position).toBeLessThan(answerFrame);
        first.signal('SIGKILL');
        expect((await first.exited).signal).toBe('SIGKILL');
        const second = await rig.spawn();
        await waitFor(() => second.lines.some((l) => l.includes('reading the PBX')), { what: 'the restarted daemon reads the PBX', timeoutMs: 15_000 });
        expect(rig.replay.position).toBeLessThan(answerFrame); // it took over while the call still rang
        // answered and synced (responsible set), still talking: kill -9 again
        await waitFor(() => rig.replay.position > answerFrame + 2, { what: 'the answer played', timeoutMs: 20_000 });
        await waitFor(() => completed(1), { what: 'the answer synced', timeoutMs: 10_000 });
        const hangupFrame = frameIndex(s, 'Hangup', answerFrame);
        expect(rig.replay.position).toBeLessThan(hangupFrame);
        second.signal('SIGKILL');
        await second.exited;
        const third = await rig.spawn();
        await waitFor(() => emuCalls().some((c) => c.finished !== null), { what: 'the call finished in the CRM', timeoutMs: 40_000 });
        await rig.replay.finished;
        await new Promise((r) => setTimeout(r, 1000)); // a duplicate would show up now
        await rig.readUnobserved();
        expect(rig.tally()).toMatchObject({ expected: 1, delivered: 1, duplicated: 0, lost: 0, extra: 0, mismatched: 0, wrongOutcome: 0, unobserved: 0 });
        const [crm] = emuCalls();
        expect(emuCalls()).toHaveLength(1);
        expect(crm?.finished).toMatchObject({ userId: '5', duration: Math.round(expected?.talkDurationSec ?? -1), statusCode: '200' });
        expect(crm?.params).toMatchObject({ PHONE_NUMBER: '+74951234567' });
        expect(String(crm?.params['TYPE'])).toBe('2'); // inbound; a batch command carries it as text, a direct call as a number
        expect(third.lines.join('\n')).toContain('resynced with the PBX');
        third.signal('SIGTERM');
        expect((await third.exited).code).toBe(0);
    }, 90_000);
    it('ends a call answered while no daemon ran as answered by its operator (the resync refreshes the known legs)', async () => {
        const s = await schedule(['inbound-answered.ami'], 1, 0);
        const rig = await testRig({ schedule: s, speed: 0.15 });
        const [callId] = [...s.expected][0] ?? [];
        const answerFrame = frameIndex(s, 'BridgeEnter');
        const emuCalls = () => rig.emu.state.registered().filter((c) => c.params['EXTERNAL_CALL_ID'] === callId);
        const prefix = rig.leaseKey.split(':lease:')[0] ?? '';
        const completed = async (seq) => (await rig.redis.zscore(`${prefix}:bull:call-events:completed`, `${String(callId)}-${seq}`)) !== null;
        const first = await rig.spawn();
        await waitFor(() => completed(0), { what: 'the ringing job completed', timeoutMs: 20_000 });
        expect(rig.replay.position).toBeLessThan(answerFrame);
        first.signal('SIGKILL');
        await first.exited;
        await waitFor(() => rig.replay.position > answerFrame + 2, { what: 'the answer played to nobody', timeoutMs: 20_000 });
        const second = await rig.spawn(); // takes over while the call talks: it knows the legs as ringing
        await waitFor(() => emuCalls().some((c) => c.finished !== null), { what: 'the call finished in the CRM', timeoutMs: 40_000 });
        await rig.replay.finished;
        const tally = await rig.settle(10_000, 1000);
        expect(tally).toMatchObject({ expected: 1, delivered: 1, duplicated: 0, lost: 0, wrongOutcome: 0 });
        expect(emuCalls()[0]?.finished).toMatchObject({ userId: '5', statusCode: '200' });
        const record = await rig.redis.hget(`${prefix}:journal:call:${String(callId)}`, 'json');
        expect(JSON.parse(record ?? '{}')).toMatchObject({ disposition: 'answered', agent: '201', answerUnobserved: true });
        expect(rig.emu.state.registered().length).toBe(1);
        second.signal('SIGTERM');
        expect((await second.exited).code).toBe(0);
    }, 90_000);
});
