import { describe, expect, it } from 'vitest';
import { originate } from '../../../src/pbx/originate.js';
import { memoryLogger, startTestAmiConnection, startTestAmiServer, testAmiOptions } from '../../support/ami-replay.js';
import { waitFor } from '../../../harness/poll.js';
describe('AMI actions', () => {
    it('times out an action the PBX never answers, with kind timeout', async () => {
        const server = await startTestAmiServer({ onAction: (a) => (a.name === 'Getvar' ? [] : undefined) });
        const ami = startTestAmiConnection(testAmiOptions(server, { actionTimeoutMs: 2000 }), memoryLogger().log);
        await ami.waitConnected(3000);
        const started = Date.now();
        await expect(ami.action('Getvar', { Variable: 'X' }, { timeoutMs: 150 })).rejects.toMatchObject({ kind: 'timeout' });
        expect(Date.now() - started).toBeLessThan(1000);
        expect(ami.stats().actionTimeouts).toBe(1);
        expect(ami.state).toBe('connected');
    });
    it('fails fast while AMI is down and never sends the action later', async () => {
        const server = await startTestAmiServer();
        const ami = startTestAmiConnection(testAmiOptions(server, { reconnectMinMs: 100, reconnectMaxMs: 200 }), memoryLogger().log);
        await ami.waitConnected(3000);
        server.pause(); // logins will not be answered either
        server.dropClients();
        await waitFor(() => ami.state !== 'connected', { what: 'the drop', timeoutMs: 5000 });
        const started = Date.now();
        await expect(originate(ami, { channel: 'PJSIP/201', context: 'all_peers', exten: '79001234567', channelId: 'c2c-1' }))
            .rejects.toMatchObject({ kind: 'not-connected' });
        expect(Date.now() - started).toBeLessThan(50);
        server.resume();
        await ami.waitConnected(3000);
        await ami.action('Ping', {});
        expect(server.actions.some((a) => a.name === 'Originate')).toBe(false);
    });
    it('refuses CR/LF injection before anything reaches the socket', async () => {
        const server = await startTestAmiServer();
        const ami = startTestAmiConnection(testAmiOptions(server), memoryLogger().log);
        await ami.waitConnected(3000);
        await expect(ami.action('Originate', { Channel: 'PJSIP/201', Exten: '201\r\n\r\nAction: Command\r\nCommand: core stop now' }))
            .rejects.toMatchObject({ kind: 'invalid-value' });
        await expect(originate(ami, { channel: 'PJSIP/201', context: 'all_peers', exten: '201\nAction: Logoff', channelId: 'c2c-2' }))
            .rejects.toMatchObject({ kind: 'invalid-value' });
        await expect(ami.action('Originate', { Exten: ['201', '202'] })).rejects.toMatchObject({ kind: 'invalid-value' });
        await expect(ami.action('Originate', { Variable: ['NOEQUALS'] })).rejects.toMatchObject({ kind: 'invalid-value' });
        await ami.action('Ping', {});
        expect(server.actions.map((a) => a.name)).not.toContain('Command');
        expect(server.actions.map((a) => a.name)).not.toContain('Originate');
        expect(server.actions.map((a) => a.name)).not.toContain('Logoff');
    });
    it('queues an Originate as in docs/asterisk-ami.md §7 and passes its OriginateResponse on as an event', async () => {
        const server = await startTestAmiServer();
        const ami = startTestAmiConnection(testAmiOptions(server), memoryLogger().log);
        const events = [];
        ami.onEvent((ev) => events.push(ev));
        await ami.waitConnected(3000);
        const { actionId } = await originate(ami, {
            channel: 'Local/201@internal-originate', context: 'all_peers', exten: '79001234567', callerId: { number: '79001234567', name: 'CRM' },
            variables: { pt1c_cid: '79001234567', __CRM_REQUEST_ID: 'c2c-7f3e' }, channelId: 'c2c-7f3e', otherChannelId: 'c2c-7f3e-2',
        });
        const sent = server.actions.find((a) => a.name.toLowerCase() === 'originate');
        expect(sent?.actionId).toBe(actionId);
        expect(sent?.fields).toMatchObject({
            channel: 'Local/201@internal-originate', context: 'all_peers', exten: '79001234567', priority: '1', async: 'true',
            timeout: '30000', channelid: 'c2c-7f3e', otherchannelid: 'c2c-7f3e-2', callerid: '"CRM" <79001234567>',
        });
        expect(sent?.pairs.filter(([k]) => k.toLowerCase() === 'variable').map(([, v]) => v).sort())
            .toEqual(['__CRM_REQUEST_ID=c2c-7f3e', 'pt1c_cid=79001234567']);
        server.injectRaw(`Event: OriginateResponse\r\nPrivilege: call,all\r\nActionID: ${actionId}\r\nResponse: Success\r\nReason: 4\r\nUniqueid: c2c-7f3e\r\n\r\n`);
        await waitFor(() => events.some((ev) => ev.name === 'OriginateResponse'), { what: 'OriginateResponse', timeoutMs: 5000 });
        expect(events.find((ev) => ev.name === 'OriginateResponse')?.fields).toMatchObject({ actionid: actionId, reason: '4' });
    });
    it('rejects with the PBX message when Asterisk answers Response: Error', async () => {
        const server = await startTestAmiServer({
            onAction: (a) => (a.name.toLowerCase() === 'originate' ? [{ Response: 'Error', Message: 'Extension does not exist.' }] : undefined),
        });
        const ami = startTestAmiConnection(testAmiOptions(server), memoryLogger().log);
        await ami.waitConnected(3000);
        const attempt = originate(ami, { channel: 'PJSIP/201', context: 'all_peers', exten: '555', channelId: 'c2c-3' });
        await expect(attempt).rejects.toMatchObject({ kind: 'rejected', message: expect.stringContaining('Extension does not exist.') });
    });
});
describe('AmiConnection.close', () => {
    it('returns promptly even while a login is pending, and stops reconnecting', async () => {
        const server = await startTestAmiServer();
        server.pause(); // accepts TCP, never answers the Login
        const ami = startTestAmiConnection(testAmiOptions(server, { actionTimeoutMs: 5000 }), memoryLogger().log);
        await waitFor(() => server.connectionCount === 1, { what: 'the TCP connection', timeoutMs: 5000 });
        const started = Date.now();
        await ami.close();
        expect(Date.now() - started).toBeLessThan(500);
        expect(ami.state).toBe('closed');
        await expect(ami.action('Ping', {})).rejects.toMatchObject({ kind: 'not-connected' });
        await expect(ami.waitConnected(10)).rejects.toThrow(/closed/);
    });
});
