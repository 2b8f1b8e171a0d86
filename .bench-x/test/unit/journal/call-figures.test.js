import { describe, expect, it } from 'vitest';
import { settleCallbacks } from '../../../src/journal/call-callbacks.js';
import { callFigures, waitBucketEdgeSec } from '../../../src/journal/call-figures.js';
import { toCallRecord } from '../../../src/journal/call-record.js';
import { p90FromHistogram, reportFigures, toCsv } from '../../../src/journal/report-rows.js';
import { aCall, aRing } from '../../../harness/call-builders.js';
const T0 = 1_800_000_000_000;
function record(given, agent) {
    return toCallRecord(aCall(given), agent, null);
}
const figuresOf = (r, dim) => Object.fromEntries(callFigures(r).filter((f) => f.dim === dim).map((f) => [f.field, f.n]));
describe('call figures', () => {
    it('counts a transferred call once, for the agent the journal names, with its whole talk time', () => {
        const r = record({
            startedAtMs: T0, answeredAtMs: T0 + 7400, disposition: 'answered', talkDurationSec: 95, answeredBy: '201', queue: 'sales',
            rang: [aRing('201', T0, 'answered'), aRing('202', T0 + 30_000, 'answered')],
            transfers: [{ kind: 'blind', fromExtension: '201', toTarget: '202', atMs: T0 + 30_000 }],
        }, '202');
        expect(callFigures(r).filter((f) => f.dim === 'op').map((f) => f.key)).toEqual(expect.arrayContaining(['202']));
        expect(callFigures(r).some((f) => f.dim === 'op' && f.key === '201')).toBe(false);
        expect(figuresOf(r, 'op')).toEqual({ in: 1, ans: 1, ws: 7400, w10: 1, tk: 1, talk: 95 });
        expect(figuresOf(r, 'queue')).toEqual(figuresOf(r, 'op'));
        expect(figuresOf(r, 'line')).toEqual(figuresOf(r, 'op'));
    });
    it('leaves internal calls out and counts busy, no answer and abandoned inbound calls as missed, open until called back', () => {
        expect(callFigures(record({ direction: 'internal', externalNumber: null, disposition: 'answered', callerExtension: '201' }, '201'))).toEqual([]);
        for (const disposition of ['busy', 'noanswer', 'missed']) {
            expect(figuresOf(record({ disposition }, '201'), 'op')).toEqual({ in: 1, mis: 1, mo: 1 });
        }
        const backed = { ...record({ disposition: 'missed' }, '201'), calledBack: { atMs: T0, by: '202', callId: 'x' } };
        expect(figuresOf(backed, 'op')).toEqual({ in: 1, mis: 1 });
        expect(figuresOf(record({ direction: 'outbound', disposition: 'answered', talkDurationSec: 12, callerExtension: '203' }, '203'), 'op'))
            .toEqual({ out: 1, tk: 1, talk: 12 });
    });
    it('buckets waits 5 s wide to 60 s, 15 s to 180 s, 60 s to 600 s, 300 s beyond', () => {
        expect([0, 1, 5000, 5001, 60_000, 60_001, 179_000, 180_001, 600_000, 600_001].map(waitBucketEdgeSec))
            .toEqual([0, 5, 5, 10, 60, 75, 180, 240, 600, 900]);
    });
    it('takes p90 by nearest rank from the histogram and the answered-within share from the buckets up to N', () => {
        expect(p90FromHistogram(new Map([[5, 9], [40, 1]]))).toBe(5);
        expect(p90FromHistogram(new Map([[5, 8], [40, 2]]))).toBe(40);
        expect(p90FromHistogram(new Map())).toBeNull();
        const f = reportFigures(new Map([['in', 12], ['ans', 10], ['mis', 2], ['ws', 55_000], ['w5', 6], ['w20', 2], ['w25', 2], ['tk', 10], ['talk', 305]]), 20);
        expect(f).toMatchObject({ answerWaitMeanSec: 5.5, answerWaitP90Sec: 25, answeredWithinShare: 0.6667, talkMeanSec: 30.5 });
    });
    it('marks missed calls called back by a later answered call of the number within the window, keeping an earlier mark', () => {
        const missed = record({ id: 'm', startedAtMs: T0, disposition: 'missed' }, '201');
        const answered = record({ id: 'a', startedAtMs: T0 + 3_600_000, answeredAtMs: T0 + 3_605_000, disposition: 'answered' }, '202');
        const tooLate = record({ id: 'l', startedAtMs: T0 + 25 * 3_600_000, disposition: 'answered' }, '203');
        const other = record({ id: 'o', startedAtMs: T0 + 60_000, disposition: 'answered', externalNumber: '+74950000001' }, '203');
        const day = 24 * 3_600_000;
        expect(settleCallbacks(answered, [missed, other], day).marked).toEqual([{ ...missed, calledBack: { atMs: T0 + 3_605_000, by: '202', callId: 'a' } }]);
        expect(settleCallbacks(tooLate, [missed], day).marked).toEqual([]);
        expect(settleCallbacks(missed, [other, tooLate], day).record.calledBack).toBeNull();
        expect(settleCallbacks(missed, [tooLate, answered], day).record.calledBack).toMatchObject({ callId: 'a' });
        const kept = { ...missed, calledBack: { atMs: 1, by: '209', callId: 'first' } };
        expect(settleCallbacks(missed, [kept, answered], day).record.calledBack).toEqual(kept.calledBack);
        expect(settleCallbacks(answered, [kept], day).marked).toEqual([]);
    });
    it('writes CSV with quoted cells where needed and empty cells for null', () => {
        expect(toCsv(['a', 'b', 'c'], [{ a: 'x,y', b: null, c: 'say "hi"' }, { a: 1, b: 0.5 }])).toBe('a,b,c\r\n"x,y",,"say ""hi"""\r\n1,0.5,\r\n');
    });
});
