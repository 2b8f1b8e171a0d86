import { describe, expect, it } from 'vitest';
import { CallTracker } from '../../../src/calls/call-tracker.js';
import { cardView } from '../../../src/console/card-view.js';
import { toConsoleCard } from '../../../src/console/console-card.js';
import { readTranscript } from '../../support/read-transcript.js';
import { optionsFor, replay } from '../calls/tracker-harness.js';
const op = (extension) => ({ extension, role: 'operator' });
/**
 * Recorded transfers (fixtures/ami; the READMEs there and test/unit/calls/expected say who is who): the phone that hands
 * the call on and the phone that ends up talking to the caller (for a transfer to ring group 401, the member that answered).
 */
const TRANSFERS = [
    { file: 'blind-transfer', kind: 'blind', from: '201', target: '202' },
    { file: 'attended-transfer', kind: 'attended', from: '201', target: '202' },
    { file: 'cacofonisk/xfer_blind/xfer_blind_abbcac', kind: 'blind', from: '202', target: '203' },
    { file: 'cacofonisk/xfer_blind/xfer_blind_abacbc', kind: 'blind', from: '201', target: '203' },
    { file: 'cacofonisk/xfer_blind/xfer_blind_group', kind: 'blind to a group', from: '201', target: '203' },
    { file: 'cacofonisk/queue/queue_blind_xfer', kind: 'blind from a queue', from: null, target: null },
    { file: 'cacofonisk/xfer_blonde/xfer_blonde_abbcac', kind: 'blonde', from: '201', target: '202' },
    { file: 'cacofonisk/xfer_blonde/xfer_blonde_group_b', kind: 'blonde to a group', from: '201', target: '202' },
    { file: 'cacofonisk/xfer_attended/xfer_abbcac', kind: 'attended', from: '202', target: '203' },
    { file: 'cacofonisk/xfer_attended/xfer_abacbc', kind: 'attended', from: '201', target: '203' },
];
/** What one operator's page holds after each event: the view of each call it has a card for (a `gone` removes it). */
function pageViews(events, extension) {
    const page = new Map();
    return events.map((ev) => {
        const view = cardView(toConsoleCard(ev), op(extension));
        if (view === 'gone')
            page.delete(ev.call.id);
        else
            page.set(ev.call.id, view);
        return new Map(page);
    });
}
describe('transfer target cards on recorded transfers', () => {
    for (const t of TRANSFERS) {
        it(`${t.file} (${t.kind}): the target's card rings or talks and says Talking from its answer to the end`, async () => {
            const events = replay(new CallTracker(optionsFor(t.file)), await readTranscript(`${t.file}.ami`));
            const transferred = events.find((e) => e.stage === 'transferred');
            if (!transferred)
                throw new Error('no transfer in the recording');
            const callId = transferred.call.id;
            const ended = events.find((e) => e.stage === 'ended' && e.call.id === callId);
            const fromExt = t.from ?? transferred.call.transfers[0]?.fromExtension ?? '';
            // the target: the phone whose answer is the last answered attempt (from the file's hand-derived record, for the queue one)
            const target = t.target ?? [...(ended?.call.rang ?? [])].filter((r) => r.outcome === 'answered').at(-1)?.target ?? '';
            expect(ended?.call.rang.some((r) => r.target === target && r.outcome === 'answered')).toBe(true);
            const targetPage = pageViews(events, target);
            const fromPage = pageViews(events, fromExt);
            const last = events.indexOf(ended);
            // from the first event of the call that shows the target's answer, after the transfer, to the end: "Talking"
            const answeredAt = events.findIndex((e, i) => i >= events.indexOf(transferred) && e.call.id === callId
                && e.call.rang.some((r) => r.target === target && r.outcome === 'answered'));
            expect(answeredAt).toBeGreaterThan(-1);
            expect(events[answeredAt]?.stage === 'answered' || events[answeredAt]?.stage === 'transferred').toBe(true);
            for (let i = answeredAt; i < last; i += 1)
                expect(targetPage[i]?.get(callId), `event ${i} ${events[i]?.stage}`).toBe('talking');
            expect(targetPage[last]?.has(callId)).toBe(false);
            // the one who handed it on no longer talks on it once the target picked up
            expect(fromPage[answeredAt]?.get(callId)).not.toBe('talking');
        });
    }
    it('a blind transfer target rings first, then talks (blind-transfer.ami: 201 hands the caller to 202)', async () => {
        const events = replay(new CallTracker(optionsFor('blind-transfer')), await readTranscript('blind-transfer.ami'));
        const views = events.map((ev) => cardView(toConsoleCard(ev), op('202')));
        expect(views).toEqual(['gone', 'gone', 'gone', 'ringing', 'talking', 'gone']);
        const answered = events.filter((e) => e.stage === 'answered').map((e) => toConsoleCard(e));
        expect(answered.map((c) => [c.answeredBy, c.talking])).toEqual([['201', ['201']], ['201', ['202']]]);
    });
});
