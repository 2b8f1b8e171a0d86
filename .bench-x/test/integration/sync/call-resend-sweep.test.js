import { describe, expect, it, onTestFinished } from 'vitest';
import { CallResender } from '../../../src/daemon/call-resend.js';
import { silentLogger } from '../../../src/log.js';
import { CallEventQueue } from '../../../src/queue/call-event-queue.js';
import { PENDING_GRACE_MS } from '../../../src/sync/call-sync.js';
import { SyncStateStore } from '../../../src/sync/sync-state-store.js';
import { inboundAnsweredEvents } from '../../../harness/call-builders.js';
import { waitFor } from '../../../harness/poll.js';
import { resendRig } from '../../support/resend-rig.js';
const DOWN = { status: 500, error: 'INTERNAL_SERVER_ERROR', description: 'Internal server error' };
describe('the automatic sweep on two instances', () => {
    it('each look at a pending call is taken by one instance: one resend, counted once', async () => {
        const r = await resendRig();
        const prefix = r.config.redis.prefix;
        const otherQueue = new CallEventQueue(r.redis, { prefix, attempts: 1, log: silentLogger() });
        onTestFinished(() => otherQueue.close());
        const other = new CallResender(new SyncStateStore(r.redis, prefix), otherQueue, silentLogger());
        const events = inboundAnsweredEvents({ phone: '+74951230361', rang: ['201'] });
        const id = events[0]?.call.id ?? '';
        r.emu.failNext('*', DOWN, 1000); // the portal is down: the call never completes
        await r.queue.add(events);
        await waitFor(async () => (await r.queue.counts()).failed >= 1 && (await r.settled()), { what: 'the stages failed', timeoutMs: 10_000 });
        const at = Date.now() + PENDING_GRACE_MS + 1;
        const [a, b] = await Promise.all([r.resender.sweep(at), other.sweep(at)]);
        expect([...a, ...b]).toEqual([id]); // one instance resent it
        expect(await r.redis.hget(`${prefix}:sync:resends`, id)).toBe('1'); // one automatic resend counted, of 6
        await waitFor(r.settled, { what: 'the resend done', timeoutMs: 10_000 });
        const next = Date.now() + 2 * PENDING_GRACE_MS + 1; // the next look (10 min later) is a new claim
        const [c, d] = await Promise.all([other.sweep(next), r.resender.sweep(next)]);
        expect([...c, ...d]).toEqual([id]);
        expect(await r.redis.hget(`${prefix}:sync:resends`, id)).toBe('2');
    });
});
