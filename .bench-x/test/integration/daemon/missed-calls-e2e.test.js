import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sleep, waitFor } from '../../../harness/poll.js';
import { LocalCrmAdapter } from '../../../src/crm/local/local-crm-adapter.js';
import { amiFixture, memoryLogger, startTestAmiServer } from '../../support/ami-replay.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
import { startDaemonThenPbx, waitForJournal } from '../../support/test-daemon.js';
import { startTestSmtp, TEST_SMTP_PASSWORD } from '../../support/test-smtp.js';
function rulesFile(rules) {
    const path = join(mkdtempSync(join(tmpdir(), 'pcb-rules-')), 'rules.json');
    writeFileSync(path, JSON.stringify(rules));
    return path;
}
const NOTIFY = {
    notify: {
        extensions: { 201: { email: 'anna@example.com' }, 202: { email: 'boris@example.com' }, 203: { email: 'vera@example.com' } },
        lines: {}, supervisor: {},
    },
};
/** outbound.ami (201 dials 84951112233 at 1795413782, answered) with the number of inbound-missed.ami's caller. */
function callBackTo84951234567() {
    const text = readFileSync(amiFixture('outbound.ami'), 'utf8');
    return { frames: [text.slice(text.indexOf('\n') + 1).replaceAll('84951112233', '84951234567')] };
}
describe('missed calls replayed through the daemon with an SMTP server listening', () => {
    it('mails each missed call once to its owner, then a call back closes that one in the journal and the CRM', async () => {
        const smtp = await startTestSmtp();
        const prefix = uniquePrefix();
        // 79261112233 is a client of 203 in the CRM: the client's responsible owns the missed call although 201 rang
        const crm = new LocalCrmAdapter({ redis: testRedis(), prefix, users: {}, log: memoryLogger().log });
        await crm.createEntity({ kind: 'contact', phone: '+79261112233', title: 'Vera\'s client', responsibleExtension: '203', contact: null, source: 'inbound' });
        const env = {
            REDIS_PREFIX: prefix, SMTP_URL: smtp.url, SMTP_FROM: 'pbx@example.com', RULES_FILE: rulesFile(NOTIFY), CONSOLE_URL: 'https://bridge.example.com',
            TRUNK_CONTEXT_PATTERNS: '^from-trunk$,^pstn$,-incoming$', NOTIFY_BACKOFF_MS: '200',
        };
        // inbound-missed (74951234567, 201 rings), inbound-busy (the same number, 201 busy), pjsip inbound-missed (79261112233, 201 rings)
        const transcripts = [amiFixture('inbound-missed.ami'), amiFixture('inbound-busy.ami'), amiFixture('pjsip/inbound-missed.ami')];
        const { daemon, pbx } = await startDaemonThenPbx({ transcripts }, { env });
        await pbx.finished;
        const records = await waitForJournal(daemon, 3);
        const ids = { missed: '1795413749.0', busy: records.find((r) => r.disposition === 'busy')?.id, pjsip: 'pbx22-1796220579.0' };
        expect(records.map((r) => r.id).sort()).toEqual([ids.missed, ids.busy, ids.pjsip].sort());
        await waitFor(() => smtp.mails.length >= 3, { what: `3 mails (${smtp.mails.length})`, timeoutMs: 10_000 });
        await sleep(1000);
        expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(['anna@example.com', 'anna@example.com', 'vera@example.com']);
        for (const id of [ids.missed, ids.busy, ids.pjsip])
            expect(smtp.mails.filter((m) => m.text.includes(`call ${id}`))).toHaveLength(1);
        expect(smtp.mails.find((m) => m.to[0] === 'vera@example.com')?.subject).toBe('Missed call from +7 926 111-22-33 (Vera\'s client)');
        await pbx.close(); // the call back comes from a second recording session
        const back = await startTestAmiServer({ port: daemon.config.ami.port, transcripts: [callBackTo84951234567()] });
        await back.finished;
        await waitForJournal(daemon, 4);
        await waitFor(async () => (await daemon.crm.journal.get(ids.missed))?.calledBack != null, { what: 'the call back', timeoutMs: 8000 });
        expect((await daemon.crm.journal.get(ids.missed))?.calledBack).toEqual({ atMs: expect.any(Number), by: '201', callId: '1795413782.0' });
        expect((await daemon.crm.journal.get(ids.busy ?? ''))?.calledBack).toBeNull(); // it came after the call back
        await waitFor(async () => (await daemon.localCrm().callbackTask(ids.missed))?.closed != null, { what: 'the CRM task closed', timeoutMs: 5000 });
        expect((await daemon.localCrm().callbackTask(ids.missed))?.closed).toMatchObject({ callId: ids.missed, by: '201', byCallId: '1795413782.0' });
        expect((await daemon.localCrm().callbackTask(ids.busy ?? ''))?.closed).toBeNull();
        const open = await daemon.get('/v1/missed?open=true');
        expect(open.body.items.map((i) => i.id).sort()).toEqual([ids.busy, ids.pjsip].sort());
        expect(smtp.mails).toHaveLength(3);
        expect(daemon.logLines().some((l) => l.includes('notification sent'))).toBe(true);
        expect(daemon.logLines().join('\n')).not.toContain(TEST_SMTP_PASSWORD);
    }, 40_000);
    it('mails a call abandoned in a queue once, to the member it rang (cacofonisk queue_a_cancel: 202)', async () => {
        const smtp = await startTestSmtp();
        const env = {
            SMTP_URL: smtp.url, SMTP_FROM: 'pbx@example.com', RULES_FILE: rulesFile(NOTIFY), DEFAULT_COUNTRY: 'NL',
            TRUNK_CHANNEL_PATTERNS: '^SIP/voipgrid-siproute', TRUNK_CONTEXT_PATTERNS: '^voipgrid_in$,^world_out$',
            ACCOUNT_CODE_EXTENSIONS: '150010063=2401', ACCOUNT_CODE_PATTERN: '^1500100(\\d\\d)$', ACCOUNT_CODE_EXTENSION: '2$1',
        };
        const { daemon, pbx } = await startDaemonThenPbx({ transcripts: [amiFixture('cacofonisk/queue/queue_a_cancel.ami')] }, { env });
        await pbx.finished;
        const [record] = await waitForJournal(daemon, 1);
        expect(record).toMatchObject({ direction: 'inbound', externalNumber: '+31150010001', agent: '202', disposition: 'missed' });
        await waitFor(() => smtp.mails.length >= 1, { what: 'the mail', timeoutMs: 10_000 });
        await sleep(1000);
        expect(smtp.mails.map((m) => m.to)).toEqual([['boris@example.com']]);
        expect(smtp.mails[0]?.text).toContain('Rang at: 202');
    }, 30_000);
});
