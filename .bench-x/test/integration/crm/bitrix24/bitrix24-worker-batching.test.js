import { describe, expect, it, onTestFinished } from 'vitest';
import { startBitrix24Emulator } from '../../../../harness/crm/bitrix24-emulator.js';
import { inboundAnsweredEvents } from '../../../../harness/call-builders.js';
import { waitFor } from '../../../../harness/poll.js';
import { EMU_USERS } from '../../../support/bitrix24-harness.js';
import { bitrix24Workers } from '../../../support/bitrix24-workers.js';
describe('bitrix24 through the sync workers with default settings', () => {
    it('puts the commands of many calls in one batch while they wait for the request budget (not WORKER_CONCURRENCY of them)', async () => {
        const emu = await startBitrix24Emulator({ users: EMU_USERS });
        onTestFinished(() => emu.close());
        const { config, queue } = await bitrix24Workers(emu);
        expect(config.queue.concurrency).toBe(8); // the default this is about
        emu.consume(50); // the bucket is full: the next request waits for it
        const ringing = Array.from({ length: 40 }, (_, i) => inboundAnsweredEvents({ phone: `+7495${String(3_000_000 + i)}`, rang: ['201'] })[0])
            .filter((ev) => ev !== undefined);
        const before = emu.stats.log.length;
        await queue.add(ringing);
        await waitFor(() => emu.state.registered().length === 40, { what: '40 calls registered', timeoutMs: 15_000 });
        const batches = emu.stats.log.slice(before).map((r) => r.methods.length);
        expect(Math.max(...batches)).toBeGreaterThanOrEqual(30); // one worker slot per call could not exceed 8
    });
});
