import { describe, expect, it } from 'vitest';
import { startBitrix24Setup } from '../../../support/bitrix24-harness.js';
function aCall(i) {
    return {
        callId: `1795413864.${i}`, direction: 'inbound', phone: `+7495${String(1_000_000 + i)}`, line: '4951230000',
        startedAtMs: Date.parse('2026-11-23T06:00:00Z'), extension: i % 2 ? '201' : '202', entity: null, crmCallId: null, isCallback: false, showTo: [],
    };
}
describe('bitrix24 request limits', () => {
    it('sends 200 operations fired at once without losing or repeating one, retrying QUERY_LIMIT_EXCEEDED', async () => {
        // Another app on the portal has filled the shared bucket, so our client (which thinks it is empty) meets 503s.
        const { adapter, emu } = await startBitrix24Setup({
            emulator: { burst: 10, ratePerSec: 20 },
            env: { BITRIX24_BATCH_MAX: '5', BITRIX24_MAX_IN_FLIGHT: '4', BITRIX24_RATE_PER_SEC: '20', BITRIX24_BURST: '10' },
        });
        await adapter.extensionOfUser('5'); // load the user directory first
        emu.consume(30);
        const refs = await Promise.all(Array.from({ length: 200 }, (_, i) => adapter.registerCall(aCall(i))));
        expect(emu.stats.rejected).toBeGreaterThan(0);
        expect(adapter.client.stats.limitRetries).toBeGreaterThan(0);
        expect(new Set(refs.map((r) => r.crmCallId)).size).toBe(200);
        expect(emu.state.registered()).toHaveLength(200);
        const registerCommands = emu.stats.log.filter((r) => r.status === 200).flatMap((r) => r.methods).filter((m) => m === 'telephony.externalcall.register');
        expect(registerCommands).toHaveLength(200);
    });
    it('coalesces concurrent operations into batches of at most 50 and stays under the real limit', async () => {
        const { adapter, emu } = await startBitrix24Setup();
        await adapter.extensionOfUser('5');
        const before = emu.stats.requests;
        await Promise.all(Array.from({ length: 200 }, (_, i) => adapter.registerCall(aCall(i))));
        expect(emu.stats.requests - before).toBe(4);
        expect(emu.stats.rejected).toBe(0);
        expect(emu.state.registered()).toHaveLength(200);
    });
    it('retries a command refused with OPERATION_TIME_LIMIT inside a batch', async () => {
        const { adapter, emu } = await startBitrix24Setup();
        const refs = await Promise.all([1, 2, 3].map((i) => adapter.registerCall(aCall(i))));
        emu.failNext('telephony.externalcall.show', { status: 429, error: 'OPERATION_TIME_LIMIT', description: 'Method is blocked due to operation time limit.' });
        await Promise.all(refs.map((r) => adapter.card.show(r, ['201'])));
        expect(emu.state.cards.filter((c) => c.ok)).toHaveLength(3);
    });
    it('turns a portal 500 into a RetryableError and does not resend it', async () => {
        const { adapter, emu } = await startBitrix24Setup();
        await adapter.extensionOfUser('5');
        emu.failNext('*', { status: 500, error: 'INTERNAL_SERVER_ERROR', description: 'Internal server error' });
        await expect(adapter.registerCall(aCall(1))).rejects.toMatchObject({ name: 'RetryableError' });
        expect(emu.state.registered()).toHaveLength(0);
    });
    it('resends a whole register+show chain refused with QUERY_LIMIT_EXCEEDED, registering once', async () => {
        const { adapter, emu } = await startBitrix24Setup();
        await adapter.extensionOfUser('5');
        emu.failNext('*', { status: 503, error: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests' });
        const ref = await adapter.registerCall({ ...aCall(1), extension: '201', showTo: ['201', '202'] });
        expect(emu.state.registered()).toHaveLength(1);
        expect(emu.state.cardsShown(ref.crmCallId).sort()).toEqual(['5', '6']);
    });
});
