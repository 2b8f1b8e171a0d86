import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { PermanentError, RetryableError } from '../../../src/errors.js';
import { jobIdFor } from '../../../src/queue/job-id.js';
import { inboundAnsweredEvents, inboundMissedEvents, outboundAnsweredEvents } from '../../../harness/call-builders.js';
import { testRedisUrl, uniquePrefix } from '../../support/test-redis.js';
import { startSyncPipeline } from './sync-pipeline.js';
import { waitFor } from '../../../harness/poll.js';
const ids = (events) => events.map((e) => jobIdFor(e.call.id, e.seq));
describe('queue → worker → CallSync → local CRM → journal', () => {
    it('syncs inbound answered, missed, queue and outbound calls', async () => {
        const p = startSyncPipeline({ redisUrl: testRedisUrl(), prefix: uniquePrefix() });
        const calls = [
            inboundAnsweredEvents({ phone: '+74951000001' }),
            inboundMissedEvents({ phone: '+74951000002', rang: ['201', '202'] }),
            inboundAnsweredEvents({ phone: '+74951000003', rang: ['201', '202', '203'], answeredBy: '203', queue: '500' }),
            outboundAnsweredEvents({ phone: '+74951000004', callerExtension: '204' }),
        ];
        for (const ev of calls.flat())
            expect(p.writer.push(ev)).toBe(true);
        await waitFor(() => p.applied.size === calls.flat().length, { what: 'all stages applied', timeoutMs: 8000 });
        const page = await p.journal.list({ limit: 10 });
        expect(page.items.map((r) => [r.externalNumber, r.disposition, r.agent]).sort()).toEqual([
            ['+74951000001', 'answered', '201'], ['+74951000002', 'missed', '201'],
            ['+74951000003', 'answered', '203'], ['+74951000004', 'answered', '204'],
        ].sort());
        expect(await p.crm.task(calls[1]?.[0]?.call.id ?? '')).toMatchObject({ responsibleExtension: '201' });
        // A job counts as applied before BullMQ moves it to completed, so the queue is read once it settles.
        let stats = await p.writer.stats();
        await waitFor(async () => (stats = await p.writer.stats()).active === 0, { what: 'no job active', timeoutMs: 5000 });
        expect(stats).toMatchObject({ waiting: 0, delayed: 0, active: 0, buffered: 0 });
        expect(p.writer.bufferCounters()).toMatchObject({ buffered: 0, dropped: 0, flushed: calls.flat().length });
    });
    it('defers an ended event enqueued before its ringing and applies it after', async () => {
        const p = startSyncPipeline({ redisUrl: testRedisUrl(), prefix: uniquePrefix() });
        const [ringing, ended] = inboundMissedEvents();
        if (!ringing || !ended)
            throw new Error('builder');
        p.writer.push(ended);
        p.writer.push(ringing);
        await waitFor(() => p.applied.size === 2, { what: 'both stages applied', timeoutMs: 8000 });
        expect(p.order).toEqual(ids([ringing, ended]));
        expect(p.workers.stats().deferred).toBeGreaterThanOrEqual(1);
        expect(await p.crm.callEntry(ringing.call.id)).toMatchObject({ disposition: 'missed' });
    });
    it('retries a retryable CRM error and then succeeds, keeping later stages in order', async () => {
        const p = startSyncPipeline({ redisUrl: testRedisUrl(), prefix: uniquePrefix() });
        const calledAtMs = [];
        const original = p.crm.registerCall.bind(p.crm);
        vi.spyOn(p.crm, 'registerCall').mockImplementation(async (start) => {
            calledAtMs.push(Date.now());
            if (calledAtMs.length === 1)
                throw new RetryableError('crm answered 503', 1500);
            return original(start);
        });
        const events = inboundAnsweredEvents();
        for (const ev of events)
            p.writer.push(ev);
        await waitFor(() => p.applied.size === 3, { what: 'all stages applied after a retry', timeoutMs: 8000 });
        expect(p.order).toEqual(ids(events));
        expect(calledAtMs).toHaveLength(2);
        expect((calledAtMs[1] ?? 0) - (calledAtMs[0] ?? 0)).toBeGreaterThanOrEqual(1400); // retry-after 1.5 s honoured
        expect(p.workers.stats()).toMatchObject({ retried: 1, applied: 3, failedPermanent: 0 });
    });
    it('puts a permanently failing stage in the failed set with its reason, logged once, and moves on', async () => {
        const lines = [];
        const log = pino({ level: 'info' }, new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } }));
        const prefix = uniquePrefix();
        const p = startSyncPipeline({ redisUrl: testRedisUrl(), prefix, log });
        vi.spyOn(p.crm, 'finishCall').mockRejectedValue(new PermanentError('CRM refused the call: insufficient scope'));
        const events = inboundMissedEvents();
        for (const ev of events)
            p.writer.push(ev);
        await waitFor(async () => (await p.writer.stats()).failed === 1, { what: 'a failed job', timeoutMs: 8000 });
        const { Queue } = await import('bullmq');
        const { Redis } = await import('ioredis');
        const conn = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
        const q = new Queue('call-events', { connection: conn, prefix: `${prefix}:bull` });
        const failed = await q.getJob(jobIdFor(events[1]?.call.id ?? '', 1));
        expect(failed?.failedReason).toContain('insufficient scope');
        expect(failed?.attemptsMade).toBe(1);
        expect(lines.filter((l) => l.includes('call stage failed permanently'))).toHaveLength(1);
        expect(p.workers.stats()).toMatchObject({ failedPermanent: 1, applied: 1 });
        await q.close();
        conn.disconnect();
    });
});
