import { describe, expect, it, onTestFinished } from 'vitest';
import { inboundAnsweredEvents } from '../../../harness/call-builders.js';
import { waitFor } from '../../../harness/poll.js';
import { Queue } from 'bullmq';
import { CALL_EVENTS_QUEUE, bullPrefix, jobIdFor, resendJobId } from '../../../src/queue/job-id.js';
import { resendRig } from '../../support/resend-rig.js';
const DOWN = { status: 500, error: 'INTERNAL_SERVER_ERROR', description: 'Internal server error' };
describe('a resend while the call\'s own ended job is not done', () => {
    it('waits for that job (never runs alongside it), then repeats nothing', async () => {
        const r = await resendRig({ JOB_ATTEMPTS: '2' });
        const events = inboundAnsweredEvents({ phone: '+74951230351', rang: ['201'] });
        const id = events[0]?.call.id ?? '';
        const ended = events.at(-1);
        if (!ended)
            throw new Error('builder');
        r.emu.failNext('telephony.externalcall.finish', DOWN, 2); // the end's first attempt fails: retried in 1 s
        await r.queue.add(events);
        const bull = new Queue(CALL_EVENTS_QUEUE, { connection: r.redis, prefix: bullPrefix(r.config.redis.prefix) });
        onTestFinished(() => bull.close());
        const state = (jobId) => bull.getJobState(jobId);
        // delayed after a failed attempt (a job whose predecessors are not done yet is delayed too, before it ever ran)
        const triedOnce = async () => ((await bull.getJob(jobIdFor(id, ended.seq)))?.attemptsMade ?? 0) >= 1;
        await waitFor(async () => (await state(jobIdFor(id, ended.seq))) === 'delayed' && (await triedOnce()), { what: 'the end waiting for its retry', timeoutMs: 10_000 });
        expect(await r.resender.one(id)).toEqual({ id, status: 'queued' });
        await waitFor(async () => (await state(resendJobId(id))) === 'delayed' && (await state(jobIdFor(id, ended.seq))) === 'delayed', { what: 'the resend taken and deferred (delayed) while the end waits', timeoutMs: 5000 });
        expect(r.finishes(id)).toBe(0);
        await waitFor(async () => r.finishes(id) === 1 && (await r.settled()), { what: 'the end retried, then the resend', timeoutMs: 10_000 });
        expect(await state(resendJobId(id))).toBe('unknown'); // the resend ran (removed on completion)
        expect([r.registrations(id), r.finishes(id)]).toEqual([1, 1]);
    });
});
