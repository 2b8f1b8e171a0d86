import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { amiFixture } from '../../support/ami-replay.js';
import { startDaemonThenPbx, waitForJournal } from '../../support/test-daemon.js';
const PJSIP_ENV = { TRUNK_CHANNEL_PATTERNS: '^PJSIP/SIP-TRUNK-', TRUNK_CONTEXT_PATTERNS: '-incoming$', DEFAULT_COUNTRY: 'RU', CRM_CREATE: 'contact' };
/** A PJSIP recording (pjsip/README.md), optionally with the caller 79261112233 replaced, after a 1 s quiet lead-in. */
function pjsip(name, callerId) {
    let body = readFileSync(amiFixture(`pjsip/${name}`), 'utf8');
    if (callerId !== undefined)
        body = body.replace(/^(\w*(?:CallerIDNum|ConnectedLineNum)): 79261112233\r$/gm, (_, key) => `${key}: ${callerId}\r`);
    const first = /Timestamp: (\d+(?:\.\d+)?)/.exec(body)?.[1] ?? '0';
    return { frames: [`Event: UserEvent\r\nPrivilege: user,all\r\nTimestamp: ${(Number(first) - 1).toFixed(6)}\r\nUserEvent: test-lead-in`, body] };
}
describe('PJSIP replay → daemon → local CRM: anonymous caller and recordings', () => {
    it('journals an anonymous missed call with no number, in the missed list, with no contact and no task; a recorded call keeps its file', async () => {
        const { daemon, pbx } = await startDaemonThenPbx({ transcripts: [pjsip('inbound-missed.ami', 'anonymous'), pjsip('inbound-answered.ami')], speed: 50 }, { env: PJSIP_ENV });
        await pbx.finished;
        const calls = await waitForJournal(daemon, 2);
        const missed = calls.find((c) => c.disposition === 'missed');
        const answered = calls.find((c) => c.disposition === 'answered');
        expect(missed).toMatchObject({ direction: 'inbound', externalNumber: null, line: '74951230000', recordingFiles: [], crm: { adapter: 'local', entity: null } });
        expect(answered).toMatchObject({
            externalNumber: '+79261112233', agent: '201',
            recordingFiles: ['/var/spool/asterisk/monitor/2026/12/02/mikopbx-pbx22-1796220564.0_pbx22-1796220564.1.wav'],
        });
        const list = await daemon.get('/v1/calls?disposition=missed');
        expect(list.body.items.map((c) => c.id)).toEqual([missed?.id]);
        const crm = daemon.localCrm();
        expect(await crm.task(missed?.id ?? '')).toBeNull();
        expect(await crm.callEntry(missed?.id ?? '')).toMatchObject({ client: null, entity: null, disposition: 'missed', agent: '201' });
        for (const phone of ['anonymous', '', '0000'])
            expect(await crm.entitiesOf(phone)).toEqual([]);
        expect((await crm.entitiesOf('+79261112233')).map((e) => e.kind)).toEqual(['contact']);
    });
});
