import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { PermanentError, RetryableError } from '../../errors.js';

export interface RecordingSettings { readonly mode: 'upload' | 'url'; readonly dir: string | null; readonly inlineMaxBytes: number }

const HTTP_URL = /^https?:\/\//i;

/**
 * attachRecord parameters (docs/bitrix24-telephony.md §2): RECORD_URL (+FILENAME) when the file is a URL (sync/ made it one
 * from RECORDINGS_BASE_URL), else FILENAME + FILE_CONTENT (base64; wav/mp3 only). `large` uploads go out alone, not
 * inside a batch. Mode `url` takes URLs only: a bare path means RECORDINGS_BASE_URL is not set.
 */
export async function recordingParams(file: string, s: RecordingSettings): Promise<{ params: Record<string, string>; large: boolean }> {
  const name = basename(file.split('?')[0] ?? file);
  if (HTTP_URL.test(file)) return { params: { RECORD_URL: file, FILENAME: name }, large: false };
  if (s.mode === 'url') {
    throw new PermanentError('BITRIX24_RECORDING_MODE=url needs RECORDINGS_BASE_URL (a URL Bitrix24 can download recordings from)');
  }
  if (!/\.(wav|mp3)$/i.test(name)) throw new PermanentError(`Bitrix24 accepts only .wav and .mp3 recordings, not ${name}`);
  const path = isAbsolute(file) || !s.dir ? file : join(s.dir, file);
  let content: Buffer;
  try {
    content = await readFile(path);
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'read error';
    throw new RetryableError(`recording ${name} cannot be read yet (${code}); check BITRIX24_RECORDINGS_DIR`);
  }
  if (content.length === 0) throw new PermanentError(`recording ${name} is empty`);
  return { params: { FILENAME: name, FILE_CONTENT: content.toString('base64') }, large: content.length > s.inlineMaxBytes };
}
