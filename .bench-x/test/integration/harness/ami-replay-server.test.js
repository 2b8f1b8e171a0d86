import { createConnection } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parseFrameText } from '../../../src/pbx/ami-normalize.js';
import { amiFixture, startTestAmiServer, TEST_AMI_SECRET, TEST_AMI_USER } from '../../support/ami-replay.js';
import { waitFor } from '../../../harness/poll.js';
/** A bare TCP client that collects what the server says, as frames. */
async function rawClient(port) {
    const socket = createConnection(port, '127.0.0.1');
    onTestFinished(() => { socket.destroy(); });
    let text = '';
    let closed = false;
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => { text += chunk; });
    socket.on('close', () => { closed = true; });
    await new Promise((resolve) => socket.once('connect', () => resolve()));
    const frames = () => text.replace(/^Asterisk Call Manager\/[^\r\n]*\r\n/, '').split('\r\n\r\n').filter((f) => f.length > 0)
        .map((f) => Object.fromEntries(parseFrameText(f)));
    return { socket, text: () => text, frames, closed: () => closed };
}
const login = (secret, id = 'l1') => `Action: Login\r\nActionID: ${id}\r\nUsername: ${TEST_AMI_USER}\r\nSecret: ${secret}\r\nEvents: on\r\n\r\n`;
describe('AMI replay server', () => {
    it('greets like Asterisk 22, streams nothing before login, then answers Login, sends FullyBooted and the events', async () => {
        const server = await startTestAmiServer({ transcripts: [{ frames: ['Event: Newchannel\r\nUniqueid: 1.1', 'Event: Hangup\r\nUniqueid: 1.1'] }] });
        const client = await rawClient(server.port);
        await waitFor(() => client.text().length > 0, { what: 'the greeting', timeoutMs: 5000 });
        expect(client.text()).toBe('Asterisk Call Manager/11.0.0\r\n');
        client.socket.write('Action: Ping\r\nActionID: p0\r\n\r\n');
        await waitFor(() => client.frames().length === 1, { what: 'the refusal', timeoutMs: 5000 });
        expect(client.frames()[0]).toEqual({ Response: 'Error', ActionID: 'p0', Message: 'Permission denied' });
        client.socket.write(login(TEST_AMI_SECRET));
        await waitFor(() => client.frames().length === 5, { what: 'login and events', timeoutMs: 5000 });
        expect(client.frames().slice(1).map((f) => f['Response'] ?? f['Event'])).toEqual(['Success', 'FullyBooted', 'Newchannel', 'Hangup']);
        expect(client.frames()[2]).toMatchObject({ Uptime: '3' });
    });
    it('answers a wrong secret with Authentication failed after a delay and closes the socket', async () => {
        const server = await startTestAmiServer({ authFailDelayMs: 50 });
        const client = await rawClient(server.port);
        const started = Date.now();
        client.socket.write(login('wrong'));
        await waitFor(() => client.closed(), { what: 'the server to close', timeoutMs: 5000 });
        expect(Date.now() - started).toBeGreaterThanOrEqual(45);
        expect(client.frames()).toEqual([{ Response: 'Error', ActionID: 'l1', Message: 'Authentication failed' }]);
    });
    it('loops with fresh ids per loop and keeps playing while nobody is connected (those events are lost)', async () => {
        const frames = ['Event: Newchannel\r\nChannel: PJSIP/201-00000001\r\nUniqueid: 1.1\r\nLinkedid: 1.1\r\nTimestamp: 10.000000',
            'Event: Hangup\r\nChannel: PJSIP/201-00000001\r\nUniqueid: 1.1\r\nLinkedid: 1.1\r\nTimestamp: 10.010000'];
        const server = await startTestAmiServer({ transcripts: [{ frames }], loop: true, speed: 1 });
        const client = await rawClient(server.port);
        client.socket.write(login(TEST_AMI_SECRET));
        await waitFor(() => client.frames().filter((f) => f['Event'] === 'Hangup').length >= 3, { what: 'three loops', timeoutMs: 5000 });
        const ids = client.frames().filter((f) => f['Event'] === 'Newchannel').map((f) => f['Uniqueid']);
        expect(ids.slice(0, 3)).toEqual(['1.1', '1.1-L1', '1.1-L2']);
        expect(client.frames().find((f) => f['Uniqueid'] === '1.1-L1')?.['Channel']).toBe('PJSIP/201-00100001');
        server.dropClients();
        await waitFor(() => server.connectionCount === 0, { what: 'the drop', timeoutMs: 5000 });
        const positionAtDrop = server.position;
        await waitFor(() => server.position >= positionAtDrop + 4, { what: 'the replay to go on without clients', timeoutMs: 5000 });
    });
    it('paces by Timestamp divided by speed', async () => {
        const frames = ['Event: A\r\nTimestamp: 100.000000', 'Event: B\r\nTimestamp: 100.400000'];
        const server = await startTestAmiServer({ transcripts: [{ frames }], speed: 2 });
        const client = await rawClient(server.port);
        client.socket.write(login(TEST_AMI_SECRET));
        await waitFor(() => client.frames().some((f) => f['Event'] === 'A'), { what: 'A', timeoutMs: 5000 });
        const sawA = Date.now();
        await waitFor(() => client.frames().some((f) => f['Event'] === 'B'), { what: 'B', timeoutMs: 5000 });
        expect(Date.now() - sawA).toBeGreaterThanOrEqual(150);
    });
    it('answers CoreShowChannels with the channels alive in the replay, as a list', async () => {
        const server = await startTestAmiServer({ transcripts: [amiFixture('inbound-answered.ami')] });
        const client = await rawClient(server.port);
        client.socket.write(login(TEST_AMI_SECRET));
        await server.finished;
        client.socket.write('Action: CoreShowChannels\r\nActionID: c1\r\n\r\n');
        await waitFor(() => client.frames().some((f) => f['Event'] === 'CoreShowChannelsComplete'), { what: 'the list', timeoutMs: 5000 });
        const list = client.frames().filter((f) => f['ActionID'] === 'c1');
        expect(list[0]).toMatchObject({ Response: 'Success', EventList: 'start' });
        expect(list.at(-1)).toMatchObject({ Event: 'CoreShowChannelsComplete', EventList: 'Complete', ListItems: '0' }); // the call is over
    });
});
