import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordingFile } from '../../../src/console/recording-path.js';
let root = '';
let outside = '';
beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'pcb-rec-'));
    root = join(base, 'recordings');
    outside = join(base, 'secret.txt');
    mkdirSync(join(root, '2026', '12', '02'), { recursive: true });
    writeFileSync(join(root, '2026', '12', '02', 'call.wav'), 'RIFF');
    writeFileSync(outside, 'secret');
    symlinkSync(outside, join(root, 'link.wav'));
});
const config = () => ({ dir: root, pathMap: [{ from: '/var/spool/asterisk/monitor', to: root }] });
describe('recordingFile', () => {
    it('maps the PBX path into the folder', async () => {
        expect(await recordingFile('/var/spool/asterisk/monitor/2026/12/02/call.wav', config())).toEqual({ root: expect.any(String), relative: join('2026', '12', '02', 'call.wav') });
        expect(await recordingFile('2026/12/02/call.wav', config())).not.toBeNull();
    });
    it.each([
        '/var/spool/asterisk/monitor/../../../../etc/passwd',
        '/var/spool/asterisk/monitor/2026/%2e%2e/%2e%2e/secret.txt',
        '/var/spool/asterisk/monitor/2026/12/02/call.wav\0.txt',
        '../secret.txt',
        '/etc/passwd',
        '/var/spool/asterisk/monitor/link.wav',
        '/var/spool/asterisk/monitorx/2026/12/02/call.wav',
    ])('refuses %j', async (path) => {
        expect(await recordingFile(path, config())).toBeNull();
    });
    it('serves nothing without a folder, and nothing that does not exist', async () => {
        expect(await recordingFile('/var/spool/asterisk/monitor/2026/12/02/call.wav', { dir: null, pathMap: [] })).toBeNull();
        expect(await recordingFile('/var/spool/asterisk/monitor/2026/12/02/none.wav', config())).toBeNull();
    });
});
