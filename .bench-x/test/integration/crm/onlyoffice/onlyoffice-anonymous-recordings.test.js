import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nockPortal, onlyofficeTestAdapter, onlyofficeTestConfig } from '../../../support/onlyoffice-harness.js';
const PORTAL = 'https://office.example.com';
const T0 = Date.parse('2026-03-07T07:20:30.000Z');
const FILES = ['https://pbx.example.com/rec/leg-201.wav', 'https://pbx.example.com/rec/leg-202.wav'];
function start(o = {}) {
    return {
        callId: '1773130770.42', direction: 'inbound', phone: '+79991234567', line: '74950000000', startedAtMs: T0,
        extension: '201', entity: null, crmCallId: null, isCallback: false, showTo: ['201'], ...o,
    };
}
function end(o = {}) {
    return {
        extension: '201', talkDurationSec: 95, disposition: 'answered', hangupCause: 16, endedAtMs: T0 + 100_000, direction: 'inbound',
        phone: '+79991234567', line: '74950000000', startedAtMs: T0, answeredAtMs: T0 + 5000, recordingFile: null, recordingFiles: [], ...o,
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
const lines = (seen) => seen.map((r) => `${r.method} ${r.path}`);
describe('ONLYOFFICE: anonymous callers and several recordings (nock)', () => {
    beforeAll(() => { nock.disableNetConnect(); nock.enableNetConnect('127.0.0.1'); });
    afterAll(() => { nock.enableNetConnect(); });
    it('an anonymous call sends nothing, even with ONLYOFFICE_JOURNAL_UNKNOWN: the journal would create a person for it', async () => {
        const seen = portal();
        const a = onlyofficeTestAdapter(onlyofficeTestConfig({ ONLYOFFICE_JOURNAL_UNKNOWN: 'true' }));
        const ref = await a.registerCall(start({ phone: null }));
        await a.finishCall(ref, end({ phone: null, disposition: 'missed', talkDurationSec: 0, answeredAtMs: null }));
        expect(ref).toEqual({ callId: '1773130770.42', crmCallId: '1773130770_42', entity: null });
        expect(lines(seen)).toEqual([]);
        nock.cleanAll();
    });
    it('the call\'s history event links every recording in order; attaching them adds nothing, a new one gets its own event', async () => {
        const seen = portal();
        const a = onlyofficeTestAdapter(onlyofficeTestConfig());
        const ref = await a.registerCall(start({ entity: { kind: 'contact', id: '501' } }));
        await a.finishCall(ref, end({ recordingFile: FILES[0] ?? null, recordingFiles: FILES }));
        await a.recordings.attach(ref, FILES);
        const histories = seen.filter((r) => r.path === 'crm/history');
        expect(histories.map((r) => r.body)).toEqual([{
                contactId: 501, categoryId: 3, created: '2026-03-07T07:20:30.000Z',
                content: `Incoming call from +79991234567 (line 74950000000), 95 s, answered by 201. Recordings: ${FILES[0]} , ${FILES[1]} Call id: 1773130770.42`,
            }]);
        await a.recordings.attach(ref, [...FILES, 'https://pbx.example.com/rec/leg-203.wav']);
        expect(seen.filter((r) => r.path === 'crm/history').map((r) => r.body).slice(1)).toEqual([
            { contactId: 501, categoryId: 3, content: 'Call recording: https://pbx.example.com/rec/leg-203.wav Call id: 1773130770.42' },
        ]);
        nock.cleanAll();
    });
});
