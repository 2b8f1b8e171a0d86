import { describe, expect, it } from 'vitest';
import { inboundAnsweredEvents } from '../../../harness/call-builders.js';
import { waitFor } from '../../../harness/poll.js';
import { resendRig } from '../../support/resend-rig.js';
const DAY_MS = 86_400_000;
describe('a late resend', () => {
    it('renews the call\'s step state with its ended event, so a resend days later repeats no CRM work', async () => {
        const r = await resendRig();
        const events = inboundAnsweredEvents({ phone: '+74951230341', rang: ['201'] });
        const id = events[0]?.call.id ?? '';
        await r.queue.add(events);
        await waitFor(async () => r.finishes(id) === 1 && (await r.settled()), { what: 'the call synced', timeoutMs: 10_000 });
        const prefix = r.config.redis.prefix;
        const state = `${prefix}:sync:call:${id}`;
        await r.redis.pexpire(state, 60_000); // the step state is about to expire (days after its last step)
        expect(await r.resender.one(id)).toEqual({ id, status: 'queued' });
        await waitFor(r.settled, { what: 'the resend done', timeoutMs: 10_000 });
        expect(await r.redis.pttl(state)).toBeGreaterThan(6 * DAY_MS); // kept as long as the ended event
        expect(await r.redis.pttl(`${prefix}:sync:ended:${id}`)).toBeGreaterThan(6 * DAY_MS);
        expect([r.registrations(id), r.finishes(id)]).toEqual([1, 1]);
    });
});
