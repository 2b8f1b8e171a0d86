import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { webhookCrm } from '../../../../src/crm/webhook/webhook-crm.js';
import { createWebhookAdapter } from '../../../../src/crm/webhook/webhook-adapter.js';
import { silentLogger } from '../../../../src/log.js';
import { part } from '../../../support/adapter-part.js';
const ORIGIN = 'https://crm.example.com';
const NOW_MS = Date.parse('2026-03-07T10:20:30.000Z');
function setup() {
    const config = webhookCrm.settingsFrom({ WEBHOOK_URL: `${ORIGIN}/hooks/pbx`, WEBHOOK_SECRET: 'whsec-unit-anon-0123456789' });
    return createWebhookAdapter(config, { log: silentLogger(), nowMs: () => NOW_MS });
}
/** Every body posted, parsed; each reply is 200 with `reply`. */
function capture(count, reply = {}) {
    const seen = [];
    nock(ORIGIN).post('/hooks/pbx').times(count).reply(async (req) => {
        seen.push(JSON.parse(await req.text()));
        return [200, JSON.stringify(reply)];
    });
    return seen;
}
const start = {
    callId: '1796220564.0', direction: 'inbound', phone: null, line: '74951230000', startedAtMs: NOW_MS - 30_000,
    extension: '201', entity: null, crmCallId: null, isCallback: false, showTo: ['201'],
};
const ref = { callId: start.callId, crmCallId: '1796220564.0', entity: null };
const files = ['https://rec.example.com/leg-201.wav', 'https://rec.example.com/leg-202.wav'];
const missed = {
    extension: '201', talkDurationSec: 0, disposition: 'missed', hangupCause: 127, endedAtMs: NOW_MS, direction: 'inbound',
    phone: null, line: '74951230000', startedAtMs: start.startedAtMs, answeredAtMs: null, recordingFile: null, recordingFiles: [],
};
describe('webhook adapter: anonymous callers and several recordings (nock)', () => {
    beforeAll(() => { nock.disableNetConnect(); });
    afterEach(() => { nock.cleanAll(); });
    afterAll(() => { nock.enableNetConnect(); });
    it('an anonymous call is registered and finished with phone: null', async () => {
        const adapter = setup();
        const seen = capture(2);
        await adapter.registerCall(start);
        await adapter.finishCall(ref, missed);
        expect(seen.map((b) => b['type'])).toEqual(['call.registered', 'call.finished']);
        expect(seen[0]?.['data']).toEqual({
            callId: '1796220564.0', direction: 'inbound', phone: null, line: '74951230000', startedAt: '2026-03-07T10:20:00.000Z',
            extension: '201', entity: null, crmCallId: null, isCallback: false, showTo: ['201'],
        });
        expect(seen[1]?.['data']).toEqual({
            callId: '1796220564.0', crmCallId: '1796220564.0', entity: null, direction: 'inbound', phone: null, line: '74951230000',
            extension: '201', disposition: 'missed', hangupCause: 127, talkDurationSec: 0, startedAt: '2026-03-07T10:20:00.000Z',
            answeredAt: null, endedAt: '2026-03-07T10:20:30.000Z', recording: null, recordings: [],
        });
    });
    it('call.finished lists every recording, and each gets its own call.recording delivery in order', async () => {
        const adapter = setup();
        const seen = capture(3);
        await adapter.finishCall(ref, { ...missed, disposition: 'answered', talkDurationSec: 20, answeredAtMs: NOW_MS - 20_000, recordingFile: files[0] ?? null, recordingFiles: files });
        await part(adapter.recordings, 'recordings').attach(ref, files);
        expect(seen[0]?.['data']).toMatchObject({ recording: files[0], recordings: files });
        expect(seen.slice(1).map((b) => b['data'])).toEqual([
            { callId: '1796220564.0', crmCallId: '1796220564.0', entity: null, file: files[0], index: 0, count: 2 },
            { callId: '1796220564.0', crmCallId: '1796220564.0', entity: null, file: files[1], index: 1, count: 2 },
        ]);
        expect(new Set(seen.slice(1).map((b) => b['id'])).size).toBe(2);
    });
});
