import { describe, expect, it } from 'vitest';
import { aCall } from '../../../harness/call-builders.js';
import { settleCallbacks } from '../../../src/journal/call-callbacks.js';
import { isShortAbandon, toCallRecord } from '../../../src/journal/call-record.js';
const DAY = 24 * 3_600_000;
const T = 1_800_000_000_000;
const missedCall = aCall({ id: 'm', externalNumber: '+74951234567', startedAtMs: T, endedAtMs: T + 20_000, ringDurationSec: 20, disposition: 'missed' });
const missed = toCallRecord(missedCall, '201', null);
const back = toCallRecord(aCall({
    id: 'b', direction: 'outbound', externalNumber: '+74951234567', callerExtension: '202', startedAtMs: T + 60_000,
    answeredAtMs: T + 65_000, endedAtMs: T + 90_000, answeredBy: '202', disposition: 'answered',
}), '202', null);
describe('which missed calls a write leaves closed', () => {
    it('lists the missed calls an answered call marks now', () => {
        const s = settleCallbacks(back, [missed], DAY);
        expect(s.closed.map((r) => [r.id, r.calledBack])).toEqual([['m', { atMs: T + 65_000, by: '202', callId: 'b' }]]);
    });
    it('lists them again when the same answered call is journaled again (a retried job must finish closing them)', () => {
        const marked = { ...missed, calledBack: { atMs: T + 65_000, by: '202', callId: 'b' } };
        const s = settleCallbacks(back, [marked, back], DAY);
        expect(s.marked).toEqual([]);
        expect(s.closed.map((r) => r.id)).toEqual(['m']);
        const other = { ...missed, calledBack: { atMs: 1, by: '203', callId: 'x' } };
        expect(settleCallbacks(back, [other], DAY).closed).toEqual([]);
    });
    it('lists a missed call journaled after the answer that called it back as closed by its own write', () => {
        const s = settleCallbacks(missed, [back], DAY);
        expect(s.closed.map((r) => r.id)).toEqual(['m']);
        expect(settleCallbacks(missed, [], DAY).closed).toEqual([]);
    });
});
describe('short abandons', () => {
    it('marks a missed inbound call that rang less than MISSED_MIN_RING_SEC, never an answered one, never with 0', () => {
        expect(isShortAbandon({ ...missedCall, ringDurationSec: 2 }, 3)).toBe(true);
        expect(isShortAbandon({ ...missedCall, ringDurationSec: 3 }, 3)).toBe(false);
        expect(isShortAbandon({ ...missedCall, ringDurationSec: 2 }, 0)).toBe(false);
        expect(isShortAbandon({ ...missedCall, ringDurationSec: 2, answeredAtMs: T + 1000 }, 3)).toBe(false);
        expect(toCallRecord({ ...missedCall, ringDurationSec: 1 }, '201', null, null, 5).shortAbandon).toBe(true);
        expect(toCallRecord(missedCall, '201', null, null, 5)).not.toHaveProperty('shortAbandon');
    });
});
