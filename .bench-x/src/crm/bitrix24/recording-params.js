import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { PermanentError, RetryableError } from '../../errors.js';
import { findRecording } from '../recording-files.js';
const HTTP_URL = /^https?:\/\//i;
/**
 * attachRecord parameters (docs/bitrix24-telephony.md §2): RECORD_URL (+FILENAME) when the file is a URL (sync/ made it one
 * from RECORDINGS_BASE_URL), else FILENAME + FILE_CONTENT (base64; wav/mp3 only). `large` uploads go out alone, not
 * inside a batch. Mode `url` takes URLs only: a bare path means RECORDINGS_BASE_URL is not set. In upload mode the PBX's
 * path is read here through RECORDINGS_PATH_MAP (else BITRIX24_RECORDINGS_DIR, else RECORDINGS_DIR); a file not there
 * yet is waited for (recording-files.ts), from `firstMissingAtMs` on.
 */
export async function recordingParams(file, s, paths, firstMissingAtMs) {
    const name = basename(file.split('?')[0] ?? file);
    if (HTTP_URL.test(file))
        return { params: { RECORD_URL: file, FILENAME: name }, large: false };
    if (s.mode === 'url') {
        throw new PermanentError('Bitrix24 telephony.externalCall.attachRecord not sent (no RECORD_URL): BITRIX24_RECORDING_MODE=url needs RECORDINGS_BASE_URL (a URL Bitrix24 can download recordings from)');
    }
    if (!/\.(wav|mp3)$/i.test(name))
        throw new PermanentError(`Bitrix24 telephony.externalCall.attachRecord refused (wrong file extension): it accepts only .wav and .mp3 recordings, not ${name}; record in wav or mp3 (MixMonitor file name) or set RECORDINGS_BASE_URL with BITRIX24_RECORDING_MODE=url`);
    const path = await findRecording(file, paths, { dir: s.dir ?? paths.dir, dirSetting: 'BITRIX24_RECORDINGS_DIR', firstMissingAtMs });
    let content;
    try {
        content = await readFile(path);
    }
    catch (err) {
        const code = err.code ?? 'read error';
        throw new RetryableError(`recording ${path} cannot be read (${code}); check its permissions for the daemon's user`, 5_000);
    }
    if (content.length === 0)
        throw new PermanentError(`recording ${path} is empty`);
    return { params: { FILENAME: name, FILE_CONTENT: content.toString('base64') }, large: content.length > s.inlineMaxBytes };
}
