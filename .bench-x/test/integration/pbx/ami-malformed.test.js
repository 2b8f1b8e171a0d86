import { describe, expect, it } from 'vitest';
import { memoryLogger, startTestAmiConnection, startTestAmiServer, testAmiOptions } from '../../support/ami-replay.js';
import { BINARY_JUNK, EVENT_WITH_JUNK_LINES, HEADERLESS_FRAME, OVERSIZED_FRAME, userEvent } from '../../fixtures/ami/malformed-frames.js';
import { waitFor } from '../../../harness/poll.js';
describe('malformed AMI frames', () => {
    it('logs and skips junk, headerless and oversized frames; later events still arrive', async () => {
        const server = await startTestAmiServer();
        const { log, lines } = memoryLogger();
        const ami = startTestAmiConnection(testAmiOptions(server), log);
        const events = [];
        ami.onEvent((ev) => events.push(ev));
        await ami.waitConnected(3000);
        server.injectRaw(userEvent('before'));
        server.injectRaw(BINARY_JUNK);
        server.injectRaw(HEADERLESS_FRAME);
        server.injectRaw(OVERSIZED_FRAME);
        server.injectRaw(EVENT_WITH_JUNK_LINES);
        server.injectRaw('\r\n\r\n'); // stray blank lines are not even malformed
        server.injectRaw(userEvent('after'));
        await waitFor(() => events.some((ev) => ev.fields['userevent'] === 'after'), { what: 'the event after the junk', timeoutMs: 5000 });
        expect(events.filter((ev) => ev.name === 'UserEvent').map((ev) => ev.fields['userevent'])).toEqual(['before', 'with-junk', 'after']);
        expect(events.find((ev) => ev.fields['userevent'] === 'with-junk')?.fields).toEqual({ event: 'UserEvent', userevent: 'with-junk' });
        expect(ami.stats()).toMatchObject({
            state: 'connected', malformedFrames: 4, malformedByReason: { 'no-header': 2, oversized: 1, 'junk-lines': 1 },
        });
        const logged = lines().filter((l) => l.includes('AMI malformed frame skipped'));
        expect(logged).toHaveLength(4);
        expect(logged.join('\n')).not.toMatch(/xxxx|ghost/); // counts and reasons, never the payload
        expect(await ami.action('Ping', {})).toMatchObject({ response: { response: 'Success' } });
    });
    it('survives a frame split across many TCP writes and a greeting-like line mid-stream', async () => {
        const server = await startTestAmiServer();
        const ami = startTestAmiConnection(testAmiOptions(server), memoryLogger().log);
        const names = [];
        ami.onEvent((ev) => { if (ev.name === 'UserEvent')
            names.push(ev.fields['userevent'] ?? ''); });
        await ami.waitConnected(3000);
        for (const ch of userEvent('split'))
            server.injectRaw(ch);
        server.injectRaw('Asterisk Call Manager/11.0.0\r\n');
        server.injectRaw(userEvent('next'));
        await waitFor(() => names.includes('next'), { what: 'the events', timeoutMs: 5000 });
        expect(names).toEqual(['split', 'next']);
    });
    it('takes an OriginateResponse with ChanVariable(PJSIP/…) headers as a normal event, not a malformed frame', async () => {
        const server = await startTestAmiServer();
        const { log, lines } = memoryLogger();
        const ami = startTestAmiConnection(testAmiOptions(server), log);
        const events = [];
        ami.onEvent((ev) => { if (ev.name === 'OriginateResponse')
            events.push(ev); });
        await ami.waitConnected(3000);
        server.injectRaw('Event: OriginateResponse\r\nPrivilege: call,all\r\nResponse: Success\r\nChannel: PJSIP/201-00000002\r\n'
            + 'Context: all_peers\r\nExten: 74951112233\r\nReason: 4\r\nUniqueid: pbx22-1796220123.4\r\n'
            + 'ChanVariable(PJSIP/201-00000002): MIXMONITOR_FILENAME=\r\n\r\n');
        await waitFor(() => events.length === 1, { what: 'the OriginateResponse', timeoutMs: 5000 });
        expect(events[0]?.fields).toMatchObject({ response: 'Success', channel: 'PJSIP/201-00000002', uniqueid: 'pbx22-1796220123.4' });
        expect(events[0]?.vars).toEqual({ MIXMONITOR_FILENAME: '' });
        expect(ami.stats().malformedFrames).toBe(0);
        expect(lines().join('\n')).not.toContain('AMI malformed frame skipped');
    });
});
