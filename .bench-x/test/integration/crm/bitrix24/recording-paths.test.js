import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { PermanentError, RetryableError } from '../../../../src/errors.js';
import { RECORDING_WAIT_MS, findRecording } from '../../../../src/crm/recording-files.js';
import { startBitrix24Setup } from '../../../support/bitrix24-harness.js';
const T0 = Date.parse('2026-11-23T06:00:00Z');
const PBX_DIR = '/var/spool/asterisk/monitor';
const start = { callId: '1795413864.9', direction: 'inbound', phone: '+74951234567', line: '4951230000', startedAtMs: T0, extension: '201', entity: null, crmCallId: null, isCallback: false, showTo: [] };
const end = {
    extension: '201', talkDurationSec: 3, disposition: 'answered', hangupCause: 16, endedAtMs: T0 + 5000, direction: 'inbound',
    phone: '+74951234567', line: '4951230000', startedAtMs: T0, answeredAtMs: T0 + 2000, recordingFile: null, recordingFiles: [],
};
async function localDir() {
    const dir = await mkdtemp(join(tmpdir(), 'b24map-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    return dir;
}
describe('bitrix24 upload mode reads the PBX\'s absolute recording paths through RECORDINGS_PATH_MAP', () => {
    it('uploads /var/spool/asterisk/monitor/… from the mapped local folder', async () => {
        const dir = await localDir();
        await mkdir(join(dir, '2026/11/23'), { recursive: true });
        await writeFile(join(dir, '2026/11/23/in-201.wav'), Buffer.from('RIFF....WAVEfmt '));
        const { adapter, emu } = await startBitrix24Setup({ env: { RECORDINGS_PATH_MAP: `${PBX_DIR}=${dir}` } });
        const ref = await adapter.registerCall(start);
        await adapter.finishCall(ref, end);
        await adapter.recordings.attach(ref, [`${PBX_DIR}/2026/11/23/in-201.wav`]);
        expect(emu.state.calls.get(ref.crmCallId)?.record).toMatchObject({ filename: 'in-201.wav', via: 'content' });
    });
    it('a file not there yet is waited for, naming the full local path', async () => {
        const dir = await localDir();
        const { adapter } = await startBitrix24Setup({ env: { RECORDINGS_PATH_MAP: `${PBX_DIR}=${dir}` } });
        const ref = await adapter.registerCall(start);
        await adapter.finishCall(ref, end);
        const attempt = adapter.recordings.attach(ref, [`${PBX_DIR}/late.wav`]);
        await expect(attempt).rejects.toBeInstanceOf(RetryableError);
        await expect(attempt).rejects.toThrow(`recording ${dir}/late.wav not found yet (PBX path ${PBX_DIR}/late.wav)`);
    });
    it('after the bounded wait the failure is permanent and names the path and the setting', async () => {
        const dir = await localDir();
        const paths = { dir: null, pathMap: [{ from: PBX_DIR, to: dir }] };
        const firstMissingAtMs = () => Promise.resolve(1_000);
        const late = findRecording(`${PBX_DIR}/gone.wav`, paths, { dirSetting: 'BITRIX24_RECORDINGS_DIR', firstMissingAtMs, nowMs: 1_000 + RECORDING_WAIT_MS });
        await expect(late).rejects.toBeInstanceOf(PermanentError);
        await expect(late).rejects.toThrow(new RegExp(`${dir}/gone\\.wav .*RECORDINGS_PATH_MAP.*BITRIX24_RECORDINGS_DIR`));
        const soon = findRecording(`${PBX_DIR}/gone.wav`, paths, { firstMissingAtMs, nowMs: 1_000 + RECORDING_WAIT_MS - 1 });
        await expect(soon).rejects.toBeInstanceOf(RetryableError);
    });
    it('an unmapped absolute path is also looked for by its name in BITRIX24_RECORDINGS_DIR', async () => {
        const dir = await localDir();
        await writeFile(join(dir, 'flat.wav'), Buffer.from('RIFF....WAVEfmt '));
        const { adapter, emu } = await startBitrix24Setup({ env: { BITRIX24_RECORDINGS_DIR: dir } });
        const ref = await adapter.registerCall(start);
        await adapter.finishCall(ref, end);
        await adapter.recordings.attach(ref, [`${PBX_DIR}/flat.wav`]);
        expect(emu.state.calls.get(ref.crmCallId)?.record).toMatchObject({ filename: 'flat.wav' });
    });
    it('the first recording rides in finish\'s batch, so attaching it later sends nothing', async () => {
        const { adapter, emu } = await startBitrix24Setup({ env: { BITRIX24_RECORDING_MODE: 'url' } });
        const ref = await adapter.registerCall(start);
        const from = emu.stats.log.length;
        const url = 'https://pbx.example.com/rec/in-201.mp3';
        await adapter.finishCall(ref, { ...end, recordingFile: url, recordingFiles: [url] });
        await adapter.recordings.attach(ref, [url]);
        expect(emu.stats.log.slice(from).map((r) => r.methods)).toEqual([['telephony.externalcall.finish', 'telephony.externalcall.attachrecord']]);
        expect(emu.state.calls.get(ref.crmCallId)?.record).toMatchObject({ filename: 'in-201.mp3', via: 'url' });
    });
    it('a PBX path that leads out of the mapped folder or the recordings folder is refused, not uploaded and not retried', async () => {
        const base = await localDir();
        const dir = join(base, 'rec');
        await mkdir(dir);
        await writeFile(join(base, 'secret.wav'), Buffer.from('RIFF....WAVEfmt '));
        await symlink(join(base, 'secret.wav'), join(dir, 'link.wav'));
        const { adapter, emu } = await startBitrix24Setup({ env: { RECORDINGS_PATH_MAP: `${PBX_DIR}=${dir}`, BITRIX24_RECORDINGS_DIR: dir } });
        const ref = await adapter.registerCall(start);
        await adapter.finishCall(ref, end);
        for (const [file, why] of [
            [`${PBX_DIR}/../secret.wav`, /recording path .*secret\.wav" refused: it holds a `\.\.` part/],
            ['../secret.wav', /refused: it holds a `\.\.` part/],
            [`${PBX_DIR}/link.wav`, new RegExp(`recording path ${PBX_DIR}/link\\.wav refused: it leads to ${base}/secret\\.wav, outside ${dir} \\(RECORDINGS_PATH_MAP\\)`)],
        ]) {
            const attempt = adapter.recordings.attach(ref, [file]);
            await expect(attempt, file).rejects.toBeInstanceOf(PermanentError);
            await expect(attempt, file).rejects.toThrow(why);
        }
        expect(emu.state.calls.get(ref.crmCallId)?.record ?? null).toBeNull();
    });
    it('an unmapped absolute path outside the recordings folder is only looked for by its name inside it', async () => {
        const base = await localDir();
        const dir = join(base, 'rec');
        await mkdir(dir);
        await writeFile(join(base, 'secret.wav'), Buffer.from('RIFF....WAVEfmt '));
        const firstMissingAtMs = () => Promise.resolve(1_000);
        const found = findRecording(join(base, 'secret.wav'), { dir, pathMap: [] }, { dirSetting: 'BITRIX24_RECORDINGS_DIR', firstMissingAtMs, nowMs: 1_000 });
        await expect(found).rejects.toThrow(`recording ${dir}/secret.wav not found yet`);
        const none = findRecording(join(base, 'secret.wav'), { dir: null, pathMap: [] }, { firstMissingAtMs, nowMs: 1_000 });
        await expect(none).rejects.toThrow(/refused: it matches no RECORDINGS_PATH_MAP prefix and no RECORDINGS_DIR is set/);
    });
});
