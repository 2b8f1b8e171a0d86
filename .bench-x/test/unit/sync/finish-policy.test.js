import { describe, expect, it } from 'vitest';
import { callFinish, callbackTaskFor, recordingLocation } from '../../../src/sync/finish-policy.js';
import { crmPhoneOf, isBlacklisted } from '../../../src/sync/call-filter-policy.js';
import { aCall, aCallEvent, aRing, inboundAnsweredEvents, inboundMissedEvents } from '../../../harness/call-builders.js';
const ref = { callId: 'c1', crmCallId: 'x1', entity: { kind: 'contact', id: '9' } };
describe('finish policy', () => {
    it('builds the recording location from RECORDINGS_BASE_URL and the file name', () => {
        expect(recordingLocation('/storage/rec/2026/a b.mp3', 'https://pbx.example/rec/')).toBe('https://pbx.example/rec/a%20b.mp3');
        expect(recordingLocation('/storage/rec/a.mp3', null)).toBe('/storage/rec/a.mp3');
    });
    it('finishes with talk duration, disposition and the final user', () => {
        const ended = inboundAnsweredEvents({ recordingFile: '/rec/x.wav' })[2];
        if (!ended)
            throw new Error('builder');
        const f = callFinish(ended, '+74951234567', '201', { recordingsBaseUrl: null });
        expect(f).toMatchObject({ extension: '201', talkDurationSec: 60, disposition: 'answered', direction: 'inbound', recordingFile: '/rec/x.wav' });
    });
    it('creates a call-back task for a missed inbound call, due after the deadline', () => {
        const ended = inboundMissedEvents()[1];
        if (!ended)
            throw new Error('builder');
        const rules = { callbackTask: true, callbackDeadlineMin: 30 };
        const task = callbackTaskFor(ended, ref, '+74951234568', '201', rules, false);
        expect(task).toMatchObject({ responsibleExtension: '201', entity: ref.entity, dueAtMs: (ended.call.endedAtMs ?? 0) + 30 * 60_000 });
        expect(task?.title).toContain('+74951234568');
        expect(callbackTaskFor(ended, ref, '+74951234568', '201', { ...rules, callbackTask: false }, false)).toBeNull();
        expect(callbackTaskFor(ended, ref, '+74951234568', '201', rules, true)).toBeNull();
    });
    it('invents no call-back task for a call whose end was not seen, and tells the CRM so in the finish', () => {
        const ended = inboundMissedEvents()[1];
        if (!ended)
            throw new Error('builder');
        const unseen = { ...ended, endReason: 'vanished', call: { ...ended.call, endedUnobserved: true, endReason: 'vanished' } };
        expect(callbackTaskFor(unseen, ref, '+74951234568', '201', { callbackTask: true, callbackDeadlineMin: 30 }, false)).toBeNull();
        expect(callFinish(unseen, '+74951234568', '201', { recordingsBaseUrl: null })).toMatchObject({ endedUnobserved: true, endReason: 'vanished' });
        expect(callFinish(ended, '+74951234568', '201', { recordingsBaseUrl: null })).not.toHaveProperty('endedUnobserved');
    });
    it('creates no task for an answered call', () => {
        const ended = inboundAnsweredEvents()[2];
        if (!ended)
            throw new Error('builder');
        expect(callbackTaskFor(ended, ref, '+7', '201', { callbackTask: true, callbackDeadlineMin: 30 }, false)).toBeNull();
    });
});
describe('call filter policy', () => {
    it('keeps internal calls and calls with no outside number out of the CRM', () => {
        expect(crmPhoneOf(aCall({ direction: 'internal', externalNumber: null }))).toBeNull();
        expect(crmPhoneOf(aCall({ externalNumber: null }))).toBeNull();
        expect(crmPhoneOf(aCall({ externalNumber: '+74951234567' }))).toBe('+74951234567');
        expect(crmPhoneOf(aCallEvent('ringing', aCall({ rang: [aRing('201')] })).call)).toBe('+74951234567');
    });
    it('matches blacklist entries in any format', () => {
        expect(isBlacklisted('+74951234567', ['+7 (495) 123-45-67'])).toBe(true);
        expect(isBlacklisted('+74951234567', ['84951234567'])).toBe(true);
        expect(isBlacklisted('+74951234567', ['4951234567'])).toBe(true);
        expect(isBlacklisted('+74951234567', ['+14951234567'])).toBe(false);
        expect(isBlacklisted('+74951234567', ['123'])).toBe(false);
    });
});
