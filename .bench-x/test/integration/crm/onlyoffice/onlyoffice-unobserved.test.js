import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nockPortal, onlyofficeTestAdapter, onlyofficeTestConfig } from '../../../support/onlyoffice-harness.js';
const PORTAL = 'https://office.example.com';
const T0 = Date.parse('2026-12-02T14:29:24.000Z');
function start(o = {}) {
    return {
        callId: 'pbx22-1796220564.0', direction: 'inbound', phone: '+74951234567', line: '74951230000', startedAtMs: T0,
        extension: '201', entity: { kind: 'contact', id: '501' }, crmCallId: null, isCallback: false, showTo: ['201'], ...o,
    };
}
/** Rang 201 for 5 s and was gone when the bridge read the PBX again: not known to be missed. */
function vanishedWhileRinging(o = {}) {
    return {
        extension: '201', talkDurationSec: 0, disposition: 'missed', hangupCause: null, endedAtMs: T0 + 5000, direction: 'inbound',
        phone: '+74951234567', line: '74951230000', startedAtMs: T0, answeredAtMs: null, recordingFile: null, recordingFiles: [],
        endedUnobserved: true, endReason: 'vanished', ...o,
    };
}
function portal() {
    return nockPortal(PORTAL, (r) => {
        if (r.path === 'crm/history/category')
            return [{ ID: 3, Title: 'Call' }];
        if (r.path.startsWith('crm/voip/call/'))
            return { Id: r.path.slice('crm/voip/call/'.length), Status: 0 };
        return { ID: 900 };
    });
}
const historyContents = (seen) => seen.filter((r) => r.path === 'crm/history').map((r) => r.body?.content);
describe('ONLYOFFICE: a call whose end or answer the bridge did not see (nock)', () => {
    beforeAll(() => { nock.disableNetConnect(); nock.enableNetConnect('127.0.0.1'); });
    afterAll(() => { nock.enableNetConnect(); });
    it('the history event says the end was not seen and the duration is an estimate', async () => {
        const seen = portal();
        const a = onlyofficeTestAdapter(onlyofficeTestConfig());
        const ref = await a.registerCall(start());
        await a.finishCall(ref, vanishedWhileRinging());
        expect(historyContents(seen)).toEqual([
            'Missed incoming call from +74951234567 (line 74951230000), rang 5 s (missed), responsible 201. '
                + 'Ended while the bridge was not reading the PBX (connection lost or bridge restarted): the outcome is the last state seen '
                + 'and the duration is an estimate (the call lasted at least this long). Call id: pbx22-1796220564.0',
        ]);
        nock.cleanAll();
    });
    it('names a PBX restart, a lost hang-up and an unseen answer each in its own words; a seen call gets no note', async () => {
        const seen = portal();
        const a = onlyofficeTestAdapter(onlyofficeTestConfig());
        const answered = { disposition: 'answered', talkDurationSec: 3, answeredAtMs: T0 + 2000 };
        await a.finishCall(await a.registerCall(start({ callId: 'c1' })), vanishedWhileRinging({ ...answered, endReason: 'pbx-restart' }));
        await a.finishCall(await a.registerCall(start({ callId: 'c2' })), vanishedWhileRinging({ ...answered, endReason: 'stale' }));
        const { endedUnobserved: _e, endReason: _r, ...seenEnd } = vanishedWhileRinging(answered);
        await a.finishCall(await a.registerCall(start({ callId: 'c3' })), { ...seenEnd, answerUnobserved: true });
        await a.finishCall(await a.registerCall(start({ callId: 'c4' })), seenEnd);
        const head = 'Incoming call from +74951234567 (line 74951230000), 3 s, answered by 201.';
        expect(historyContents(seen)).toEqual([
            `${head} Ended while the bridge was not reading the PBX (PBX restart): the outcome is the last state seen and the duration is an `
                + 'estimate (the call lasted at least this long). Call id: c1',
            `${head} No news of this call from the PBX for too long (its hang-up was lost): the outcome is the last state seen and the duration `
                + 'is an estimate (the call lasted at most this long). Call id: c2',
            `${head} Answered while the bridge was not reading the PBX: the answer time is an estimate, so the talk time may be a little shorter. Call id: c3`,
            `${head} Call id: c4`,
        ]);
        nock.cleanAll();
    });
});
