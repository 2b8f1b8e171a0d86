import { connect } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startFastAgiServer } from '../../src/agi/fastagi-server.js';
import { memoryLogger } from '../support/ami-replay.js';
import { fuzzHttpApp } from './fuzz-http-app.js';
import { fuzzScale } from './fuzz-scale.js';
/** Plays a peer: writes `text`, answers every command line with `200 result=1`, returns the commands once closed. */
function session(port, text) {
    return new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1');
        const commands = [];
        let buffer = '';
        const timer = setTimeout(() => { socket.destroy(); reject(new Error('FastAGI session did not end in time')); }, 3000);
        socket.setEncoding('utf8');
        socket.on('data', (chunk) => {
            buffer += chunk;
            for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
                commands.push(buffer.slice(0, nl));
                buffer = buffer.slice(nl + 1);
                socket.write('200 result=1\n');
            }
        });
        socket.on('error', () => undefined); // the server may cut a junk peer off mid-write
        socket.on('close', () => { clearTimeout(timer); resolve(commands); });
        socket.on('connect', () => socket.write(text));
    });
}
const SAFE_COMMAND = new RegExp('^SET VARIABLE (ROUTE_EXTENSION "\\d{0,9}"|ROUTE_DIAL_SECONDS "\\d+"|ROUTE_SOURCE "[a-z]+"'
    + '|ROUTE_CALLER_NAME "[\\p{L}\\p{M}\\p{N} ._&-]{0,80}"|ROUTE_OPEN "[01]"|ROUTE_GOTO_CONTEXT "[A-Za-z0-9_-]*"'
    + '|ROUTE_GOTO_EXTEN "\\+?[A-Za-z0-9_*#-]*"|ROUTE_RULE "[A-Za-z0-9_-]*")$', 'u');
const ROUTE_VARIABLES = 8;
const envLine = fc.oneof(fc.tuple(fc.constantFrom('agi_callerid', 'agi_arg_1', 'agi_arg_2', 'agi_dnid', 'agi_uniqueid', 'agi_extension', 'agi___proto__', 'agi_constructor', 'AGI_ARG_1', 'agi_'), fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('"; EXEC System "rm -rf /', '201" ROUTE_SOURCE "x', '+74951234567', '8 (495) 123-45-67', '')))
    .map(([k, v]) => `${k}: ${v.replace(/[\r\n]/g, '')}`), fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, '')));
const peerText = fc.tuple(fc.array(envLine, { maxLength: 12 }), fc.boolean(), fc.string({ maxLength: 20 }))
    .map(([lines, blank, tail]) => `${lines.join('\n')}\n${blank ? '\n' : ''}${tail}${blank ? '' : '\n\n'}`);
describe('FastAGI server fed random peers', () => {
    it('never crashes; every command it sends is one of the ROUTE_* SET VARIABLEs with a value of its safe alphabet', async () => {
        const { log } = memoryLogger('silent');
        const { router } = await fuzzHttpApp(log);
        const server = await startFastAgiServer({ host: '127.0.0.1', port: 0, router, dialSeconds: 20, log, ioTimeoutMs: 300 });
        try {
            await fc.assert(fc.asyncProperty(peerText, async (text) => {
                const commands = await session(server.port, text);
                for (const c of commands)
                    expect(c, JSON.stringify(text)).toMatch(SAFE_COMMAND);
            }), { numRuns: 150 * fuzzScale() });
            const normal = await session(server.port, 'agi_network: yes\nagi_callerid: 74951234567\n\n');
            expect(normal).toHaveLength(ROUTE_VARIABLES);
        }
        finally {
            await server.close();
        }
    });
});
