import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryLogger, startTestAmiConnection, startTestAmiServer, testAmiOptions } from '../support/ami-replay.js';
import { userEvent } from '../fixtures/ami/malformed-frames.js';
import { fuzzScale } from './fuzz-scale.js';
import { waitFor } from '../../harness/poll.js';
/** Each run is one TCP round trip (a few ms); 150 + 60 runs keep the file at about two seconds. */
const RUNS = 150 * fuzzScale();
/** Pieces that make junk look like AMI: separators, header starts, variables, binary bytes. */
const piece = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString('latin1')), fc.constantFrom(': ', ':', '\r\n', '\n', '\r', 'Event: ', 'Event: Hangup', 'Uniqueid: ', 'Linkedid: 1.2', 'ChanVariable: A=b', 'Variable: ', 'Value: ', 'ActionID: ', 'Response: Success', 'Timestamp: 1e400', '<unknown>', '\u0000', '\u00ff', 'EVENT:x', 'chanvariable: =', '\r\nConstructor: x', '\r\n__proto__: y', '\r\nhasOwnProperty: 1'));
/**
 * One junk chunk, ended by a blank line so it is its own frame (a junk line glued to the next event would become
 * that event's header, which is not a reader bug). Excluded on purpose, documented limits of asterisk-manager /
 * the transport: `Response: …follow…` (the package swallows frames up to `--END COMMAND--`; the missed Ping renews
 * the connection). `constructor:`/`__proto__:` header names are included: they once crashed the process.
 */
const junkFrame = fc.array(piece, { minLength: 1, maxLength: 25 })
    .map((parts) => parts.join(''))
    .filter((text) => !text.split(/\r?\n/).some((line) => /^response:/i.test(line) && /follow/i.test(line)))
    .map((text) => `${text}\r\n\r\n`);
describe('AmiConnection over TCP fed random junk by the replay server', () => {
    it('never throws or drops the link; every marker event after junk arrives, in order, with its own fields', async () => {
        const server = await startTestAmiServer();
        const { log } = memoryLogger('silent');
        const ami = startTestAmiConnection(testAmiOptions(server), log);
        const markers = [];
        ami.onEvent((ev) => { if (ev.name === 'UserEvent' && ev.fields['userevent']?.startsWith('marker-'))
            markers.push(ev); });
        await ami.waitConnected(3000);
        let n = 0;
        await fc.assert(fc.asyncProperty(fc.array(junkFrame, { minLength: 1, maxLength: 4 }), fc.boolean(), async (junk, splitWrites) => {
            n += 1;
            const name = `marker-${n}`;
            for (const chunk of junk) {
                if (splitWrites)
                    for (const part of chunk.match(/[\s\S]{1,7}/g) ?? [])
                        server.injectRaw(part);
                else
                    server.injectRaw(chunk);
            }
            server.injectRaw(userEvent(name));
            await waitFor(() => markers.some((ev) => ev.fields['userevent'] === name), { what: name, timeoutMs: 3000 });
            const got = markers.find((ev) => ev.fields['userevent'] === name);
            expect(got?.fields).toEqual({ event: 'UserEvent', privilege: 'user,all', userevent: name });
            expect(ami.state).toBe('connected');
        }), { numRuns: RUNS });
        expect(markers.map((ev) => ev.fields['userevent'])).toEqual(Array.from({ length: n }, (_, i) => `marker-${i + 1}`));
        expect(ami.stats().reconnects).toBe(0);
        expect(await ami.action('Ping', {})).toMatchObject({ response: { response: 'Success' } });
    });
    it('never throws on junk that is not cut into frames: the link survives and a later event still arrives', async () => {
        const server = await startTestAmiServer();
        const ami = startTestAmiConnection(testAmiOptions(server), memoryLogger('silent').log);
        const names = [];
        ami.onEvent((ev) => { if (ev.name === 'UserEvent')
            names.push(ev.fields['userevent'] ?? ''); });
        await ami.waitConnected(3000);
        let n = 0;
        await fc.assert(fc.asyncProperty(junkFrame.map((f) => f.replace(/(\r?\n)+$/, '')), async (junk) => {
            n += 1;
            server.injectRaw(junk);
            // the blank line closes whatever the junk left open; the marker is then a frame of its own
            server.injectRaw(`\r\n\r\n${userEvent(`tail-${n}`)}`);
            await waitFor(() => names.includes(`tail-${n}`), { what: `tail-${n}`, timeoutMs: 3000 });
            expect(ami.state).toBe('connected');
        }), { numRuns: 60 * fuzzScale() });
        expect(await ami.action('Ping', {})).toMatchObject({ response: { response: 'Success' } });
    });
});
