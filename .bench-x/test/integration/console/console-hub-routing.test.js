import { describe, expect, it, onTestFinished } from 'vitest';
import { aCall, aCallEvent, aRing } from '../../../harness/call-builders.js';
import { waitFor } from '../../../harness/poll.js';
import { toConsoleCard } from '../../../src/console/console-card.js';
import { ConsoleEventHub } from '../../../src/console/console-event-hub.js';
import { ConsoleFeed } from '../../../src/console/console-feed.js';
import { silentLogger } from '../../../src/log.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
function ringingFor(id, ext) {
    return JSON.stringify(toConsoleCard(aCallEvent('ringing', aCall({ id, rang: [aRing(ext)] }))));
}
describe('console event hub', { timeout: 20_000 }, () => {
    it('hands an operator\'s page only its own entries, a supervisor\'s every one, and both heartbeat the stream\'s position', async () => {
        const prefix = uniquePrefix();
        const redis = testRedis();
        const keys = { stream: `${prefix}:console:events`, current: `${prefix}:console:current`, trackerCalls: [`${prefix}:tracker:calls`] };
        const hub = new ConsoleEventHub(testRedis(), keys.stream, silentLogger());
        await hub.start();
        onTestFinished(() => hub.stop());
        const open = (viewer) => {
            const sent = [];
            const feed = new ConsoleFeed(redis, hub, keys, viewer, (m) => sent.push(m));
            onTestFinished(() => feed.close());
            return { feed, sent, cards: () => sent.flatMap((m) => (m.kind === 'card' ? [m] : [])) };
        };
        const anna = open({ extension: '201', role: 'operator' });
        const boris = open({ extension: '202', role: 'operator' });
        const chief = open({ extension: '900', role: 'supervisor' });
        expect(hub.listenerCount).toBe(3);
        await Promise.all([anna.feed.start(null), boris.feed.start(null), chief.feed.start(null)]);
        const first = await redis.xadd(keys.stream, '*', 'card', ringingFor('call-a', '201'));
        const last = await redis.xadd(keys.stream, '*', 'card', ringingFor('call-b', '203'));
        await waitFor(() => hub.position === last && chief.cards().length === 2, { what: 'the hub to hand out both entries', timeoutMs: 5000 });
        expect(anna.cards().map((m) => [m.id, m.card.card.callId, m.card.view])).toEqual([[first, 'call-a', 'ringing']]);
        expect(anna.cards()[0]?.json).toBe(ringingFor('call-a', '201'));
        expect(boris.cards()).toEqual([]);
        expect(chief.cards().map((m) => m.card.view)).toEqual(['board', 'board']);
        // a reconnect from any of these positions resumes after the last entry, whether it was for the page or not
        expect([anna.feed.position, boris.feed.position, chief.feed.position]).toEqual([last, last, last]);
        boris.feed.close();
        boris.feed.close();
        expect(hub.listenerCount).toBe(2);
    });
});
