import { describe, expect, it } from 'vitest';
import { listChannels } from '../../../src/pbx/ami-resync.js';
import { amiFixture, memoryLogger, startTestAmiConnection, startTestAmiServer, testAmiOptions } from '../../support/ami-replay.js';
import { waitFor } from '../../../harness/poll.js';
describe('AMI drops and keepalive', () => {
    it('reconnects after the PBX drops the connection mid-stream, signals reconnect and can resync', async () => {
        const server = await startTestAmiServer({ transcripts: [amiFixture('inbound-queue.ami')], speed: 4 });
        const ami = startTestAmiConnection(testAmiOptions(server), memoryLogger().log);
        const connects = [];
        const disconnects = [];
        ami.onConnected((info) => connects.push(info));
        ami.onDisconnected((reason) => disconnects.push(reason));
        const names = [];
        ami.onEvent((ev) => names.push(ev.name));
        await waitFor(() => names.includes('AgentCalled'), { what: 'the queue call to ring', timeoutMs: 5000 });
        server.dropClients();
        await waitFor(() => connects.length === 2, { what: 'the reconnect', timeoutMs: 5000 });
        expect(connects.map((c) => c.reconnect)).toEqual([false, true]);
        expect(connects[1]?.uptimeSec).toEqual(expect.any(Number));
        expect(disconnects).toHaveLength(1);
        expect(ami.stats().reconnects).toBe(1);
        const channels = await listChannels(ami);
        expect(channels.length).toBeGreaterThan(0);
        expect(channels.every((ev) => ev.fields['uniqueid'])).toBe(true);
        const before = names.length;
        await waitFor(() => names.length > before, { what: 'events after the reconnect', timeoutMs: 5000 });
    });
    it('starts every connection with a fresh parser: a frame cut by the drop is not glued to the next login', async () => {
        const server = await startTestAmiServer();
        const ami = startTestAmiConnection(testAmiOptions(server), memoryLogger().log);
        const userEvents = [];
        ami.onEvent((ev) => { if (ev.name === 'UserEvent')
            userEvents.push(ev.fields['userevent'] ?? ''); });
        await ami.waitConnected(3000);
        server.injectRaw('Event: UserEvent\r\nUserEvent: cut-in-half\r\nPriv');
        await new Promise((resolve) => setTimeout(resolve, 20)); // let the half frame reach the client before the drop
        server.dropClients();
        await waitFor(() => ami.stats().reconnects === 1 && ami.state === 'connected', { what: 'the reconnect', timeoutMs: 5000 });
        server.injectRaw('Event: UserEvent\r\nUserEvent: after\r\n\r\n');
        await waitFor(() => userEvents.includes('after'), { what: 'the next event', timeoutMs: 5000 });
        expect(userEvents).toEqual(['after']);
        expect(ami.stats().malformedFrames).toBe(0);
        await expect(ami.action('Ping', {})).resolves.toMatchObject({ response: { response: 'Success' } });
    });
    it('fails pending actions with kind disconnected when the connection drops', async () => {
        const server = await startTestAmiServer({ onAction: (a) => (a.name === 'Getvar' ? [] : undefined) });
        const ami = startTestAmiConnection(testAmiOptions(server, { actionTimeoutMs: 5000 }), memoryLogger().log);
        await ami.waitConnected(3000);
        const pending = ami.action('Getvar', { Variable: 'X' });
        await waitFor(() => server.actions.some((a) => a.name === 'Getvar'), { what: 'Getvar to arrive', timeoutMs: 5000 });
        server.dropClients();
        await expect(pending).rejects.toMatchObject({ kind: 'disconnected' });
    });
    it('detects a PBX that stops answering (half-open) with Ping, drops the socket and reconnects when it is back', async () => {
        const server = await startTestAmiServer();
        const ami = startTestAmiConnection(testAmiOptions(server, { pingIntervalMs: 100, actionTimeoutMs: 150 }), memoryLogger().log);
        await ami.waitConnected(3000);
        await waitFor(() => server.actions.filter((a) => a.name === 'Ping').length >= 2, { what: 'keepalive pings', timeoutMs: 5000 });
        expect(ami.stats().pingsMissed).toBe(0);
        server.pause();
        await waitFor(() => ami.state !== 'connected', { what: 'the missed ping to drop the connection', timeoutMs: 5000 });
        expect(ami.stats().pingsMissed).toBe(1);
        server.resume();
        await ami.waitConnected(3000);
        expect(ami.stats().reconnects).toBe(1);
    });
});
