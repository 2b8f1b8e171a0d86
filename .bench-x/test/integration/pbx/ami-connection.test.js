import { describe, expect, it } from 'vitest';
import { listChannels } from '../../../src/pbx/ami-resync.js';
import { amiFixture, memoryLogger, startTestAmiConnection, startTestAmiServer, testAmiOptions, TEST_AMI_SECRET } from '../../support/ami-replay.js';
import { readTranscript } from '../../support/read-transcript.js';
import { waitFor } from '../../../harness/poll.js';
const comparable = (ev) => ({ name: ev.name, fields: ev.fields, multi: ev.multi, vars: ev.vars, timeMs: ev.timeMs });
describe('AmiConnection over TCP against the replay server', () => {
    it.each(['inbound-answered.ami', 'attended-transfer.ami', 'cacofonisk/simple/ab_success_a_hangup.ami'])('emits every event of %s, in order and unchanged', async (name) => {
        const server = await startTestAmiServer({ transcripts: [amiFixture(name)] });
        const { log } = memoryLogger();
        const ami = startTestAmiConnection(testAmiOptions(server), log);
        const received = [];
        ami.onEvent((ev) => received.push(ev));
        await ami.waitConnected(3000);
        await server.finished;
        const expected = (await readTranscript(name)).filter((ev) => ev.name !== 'FullyBooted');
        await waitFor(() => received.length >= expected.length + 1, { what: `${expected.length} events`, timeoutMs: 5000 });
        expect(received[0]?.name).toBe('FullyBooted');
        const live = received.slice(1);
        expect(live.map((ev) => ev.name)).toEqual(expected.map((ev) => ev.name));
        if (name.endsWith('.ami') && !name.startsWith('cacofonisk'))
            expect(live.map(comparable)).toEqual(expected.map(comparable));
        else
            expect(live.map((ev) => ev.fields)).toEqual(expected.map((ev) => ev.fields));
        expect(ami.stats()).toMatchObject({ eventsReceived: expected.length + 1, malformedFrames: 0, reconnects: 0 });
    });
    it('calls onConnected with the FullyBooted uptime before the first event is delivered', async () => {
        const server = await startTestAmiServer({ transcripts: [amiFixture('inbound-answered.ami')], uptimeBaseSec: 1234 });
        const ami = startTestAmiConnection(testAmiOptions(server), memoryLogger().log);
        const order = [];
        ami.onConnected((info) => order.push(`connected reconnect=${info.reconnect} uptime=${info.uptimeSec}`));
        ami.onEvent((ev) => order.push(ev.name));
        await waitFor(() => order.length >= 3, { what: 'first events', timeoutMs: 5000 });
        expect(order.slice(0, 3)).toEqual(['connected reconnect=false uptime=1234', 'FullyBooted', 'Newchannel']);
    });
    it('lists the live channels with CoreShowChannels while a call is up', async () => {
        const server = await startTestAmiServer({ transcripts: [amiFixture('inbound-answered.ami')], speed: 5 });
        const ami = startTestAmiConnection(testAmiOptions(server), memoryLogger().log);
        let bridged = 0;
        ami.onEvent((ev) => { if (ev.name === 'BridgeEnter')
            bridged += 1; });
        await waitFor(() => bridged >= 2, { what: 'the call to be bridged', timeoutMs: 5000 });
        const channels = await listChannels(ami);
        expect(channels.map((ev) => ev.fields['channel'])).toContain('Local/201@operators-00000001;1');
        expect(channels.every((ev) => ev.name === 'CoreShowChannel' && ev.fields['uniqueid'] && ev.fields['linkedid'])).toBe(true);
    });
    it('keeps the AMI secret out of every log line', async () => {
        const server = await startTestAmiServer({ transcripts: [amiFixture('inbound-answered.ami')] });
        const { log, lines } = memoryLogger('trace');
        const ami = startTestAmiConnection(testAmiOptions(server), log);
        await ami.waitConnected(3000);
        await listChannels(ami);
        await ami.close();
        expect(lines().length).toBeGreaterThan(1);
        expect(lines().join('\n')).not.toContain(TEST_AMI_SECRET);
    });
});
