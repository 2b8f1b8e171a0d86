import { connect } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startFastAgiServer } from '../../../src/agi/fastagi-server.js';
import { silentLogger } from '../../../src/log.js';
const OPEN = { callerName: null, open: true, destination: null, rule: null };
/** Plays Asterisk's side of a FastAGI session: sends the agi_* block, answers every command with `reply`. */
async function asteriskSession(port, env, reply = '200 result=1') {
    const socket = connect(port, '127.0.0.1');
    onTestFinished(() => { socket.destroy(); });
    const commands = [];
    let buffer = '';
    socket.setEncoding('utf8');
    const done = new Promise((resolve, reject) => {
        socket.on('data', (chunk) => {
            buffer += chunk;
            let nl = buffer.indexOf('\n');
            while (nl >= 0) {
                commands.push(buffer.slice(0, nl));
                buffer = buffer.slice(nl + 1);
                socket.write(`${reply}\n`);
                nl = buffer.indexOf('\n');
            }
        });
        socket.on('close', () => resolve());
        socket.on('error', reject);
        setTimeout(() => reject(new Error('FastAGI session did not end in time')), 3000);
    });
    await new Promise((resolve) => socket.once('connect', () => resolve()));
    const lines = Object.entries({
        network: 'yes', network_script: 'route', request: `agi://127.0.0.1:${port}/route`, channel: 'PJSIP/trunk-00000010',
        language: 'en', type: 'PJSIP', uniqueid: '1795413847.0', version: '22.1.0', callerid: '74951234567', calleridname: 'unknown',
        context: 'from-trunk', extension: '4951230000', priority: '3', enhanced: '0.0', accountcode: '', threadid: '1', ...env,
    }).map(([k, v]) => `agi_${k}: ${v}\n`).join('');
    socket.write(`${lines}\n`);
    await done;
    return commands;
}
async function startWith(answer, asked = [], dids = []) {
    const server = await startFastAgiServer({
        host: '127.0.0.1', port: 0, dialSeconds: 25, log: silentLogger(), ioTimeoutMs: 500,
        router: { lookup: async (phone, did) => { asked.push(phone); dids.push(did); return answer; } },
    });
    onTestFinished(() => server.close());
    return server;
}
describe('FastAGI server', () => {
    it('with several tenants asks the router of the tenant the script names, and sets nothing for an unknown one', async () => {
        const asked = [];
        const answer = (ext) => ({ extension: ext, userId: null, name: null, source: 'rule', ...OPEN });
        const routers = new Map([['acme', { lookup: async () => { asked.push('acme'); return answer('201'); } }], ['globex', { lookup: async () => { asked.push('globex'); return answer('305'); } }]]);
        const server = await startFastAgiServer({
            host: '127.0.0.1', port: 0, dialSeconds: 25, log: silentLogger(), ioTimeoutMs: 500,
            router: { lookup: () => Promise.reject(new Error('no tenant named')) },
            routerFor: (script) => routers.get(script.split('/')[0] ?? '') ?? null,
        });
        onTestFinished(() => server.close());
        const globex = await asteriskSession(server.port, { network_script: 'globex/route' });
        expect(globex[0]).toBe('SET VARIABLE ROUTE_EXTENSION "305"');
        expect(await asteriskSession(server.port, { network_script: 'initech/route' })).toEqual([]);
        expect(await asteriskSession(server.port, { network_script: 'route' })).toEqual([]);
        expect(asked).toEqual(['globex']);
    });
    it('sets the ROUTE_* variables for the caller, then ends the session', async () => {
        const asked = [];
        const server = await startWith({ extension: '201', userId: '5', name: 'Anna', source: 'cache', ...OPEN, callerName: 'Ivan Petrov' }, asked);
        const commands = await asteriskSession(server.port, {});
        expect(asked).toEqual(['74951234567']);
        expect(commands).toEqual([
            'SET VARIABLE ROUTE_EXTENSION "201"',
            'SET VARIABLE ROUTE_DIAL_SECONDS "25"',
            'SET VARIABLE ROUTE_SOURCE "cache"',
            'SET VARIABLE ROUTE_CALLER_NAME "Ivan Petrov"',
            'SET VARIABLE ROUTE_OPEN "1"',
            'SET VARIABLE ROUTE_GOTO_CONTEXT ""',
            'SET VARIABLE ROUTE_GOTO_EXTEN ""',
            'SET VARIABLE ROUTE_RULE ""',
        ]);
    });
    it('passes the DID from agi_arg_2 (else agi_dnid) and sets a closed line\'s destination', async () => {
        const dids = [];
        const closed = {
            extension: null, userId: null, name: null, source: 'closed', callerName: null, open: false, destination: { context: 'vm-main', exten: '100' }, rule: null,
        };
        const server = await startWith(closed, [], dids);
        const commands = await asteriskSession(server.port, { arg_1: '74951234567', arg_2: '84951230000', dnid: '999' });
        await asteriskSession(server.port, { dnid: '4951231111' });
        expect(dids).toEqual(['84951230000', '4951231111']);
        expect(commands).toContain('SET VARIABLE ROUTE_OPEN "0"');
        expect(commands).toContain('SET VARIABLE ROUTE_GOTO_CONTEXT "vm-main"');
        expect(commands).toContain('SET VARIABLE ROUTE_GOTO_EXTEN "100"');
        expect(commands).toContain('SET VARIABLE ROUTE_SOURCE "closed"');
    });
    it('reports how long each answered session took, from connection to the last SET VARIABLE', async () => {
        const durationsMs = [];
        const server = await startFastAgiServer({
            host: '127.0.0.1', port: 0, dialSeconds: 25, log: silentLogger(), ioTimeoutMs: 500, onAnswered: (ms) => durationsMs.push(ms),
            router: { lookup: () => new Promise((resolve) => setTimeout(() => resolve({ extension: '201', userId: null, name: null, source: 'crm', ...OPEN }), 60)) },
        });
        onTestFinished(() => server.close());
        await asteriskSession(server.port, {});
        expect(durationsMs).toHaveLength(1);
        expect(durationsMs[0]).toBeGreaterThanOrEqual(55);
    });
    it('takes the caller from agi_arg_1 when the dialplan passes one', async () => {
        const asked = [];
        const server = await startWith({ extension: null, userId: null, name: null, source: 'none', ...OPEN }, asked);
        const commands = await asteriskSession(server.port, { arg_1: '+79001234567' });
        expect(asked).toEqual(['+79001234567']);
        expect(commands[0]).toBe('SET VARIABLE ROUTE_EXTENSION ""');
    });
    it('stops at the first command Asterisk does not acknowledge', async () => {
        const server = await startWith({ extension: '201', userId: null, name: null, source: 'crm', ...OPEN });
        const commands = await asteriskSession(server.port, {}, '510 Invalid or unknown command');
        expect(commands).toEqual(['SET VARIABLE ROUTE_EXTENSION "201"']);
    });
    it('closes a connection that sends no agi_* block in time', async () => {
        const server = await startWith({ extension: '201', userId: null, name: null, source: 'crm', ...OPEN });
        const socket = connect(server.port, '127.0.0.1');
        onTestFinished(() => { socket.destroy(); });
        const closed = new Promise((resolve) => { const t = Date.now(); socket.on('close', () => resolve(Date.now() - t)); });
        socket.write('GET / HTTP/1.1\r\n');
        expect(await closed).toBeLessThan(2000);
    });
});
