import { access } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { PermanentError, RetryableError } from '../errors.js';

/** Where the daemon reads the recordings the PBX names (Config.recordings: RECORDINGS_DIR, RECORDINGS_PATH_MAP). */
export interface RecordingPaths {
  readonly dir: string | null;
  /** PBX path prefix → local path prefix, first match wins. */
  readonly pathMap: ReadonlyArray<{ readonly from: string; readonly to: string }>;
}

export const NO_RECORDING_PATHS: RecordingPaths = { dir: null, pathMap: [] };

/** How long a recording the PBX named but the daemon cannot see yet is waited for (MixMonitor writes it at hang-up). */
export const RECORDING_WAIT_MS = 120_000;
const RECHECK_MS = 5_000;

/** The PBX's path mapped by RECORDINGS_PATH_MAP (first matching prefix), or null when no prefix matches. */
export function mappedPath(pbxPath: string, pathMap: RecordingPaths['pathMap']): string | null {
  for (const { from, to } of pathMap) {
    if (pbxPath === from || pbxPath.startsWith(`${from}/`)) return to + pbxPath.slice(from.length);
  }
  return null;
}

/**
 * The local paths to try for a recording, in order: the mapped path (RECORDINGS_PATH_MAP); else an absolute path as
 * the PBX named it; a relative one inside `dir`; and, for an unmapped absolute path, its file name inside `dir` too.
 */
export function localCandidates(pbxPath: string, paths: RecordingPaths, dir: string | null = paths.dir): string[] {
  const mapped = mappedPath(pbxPath, paths.pathMap);
  if (mapped !== null) return [mapped];
  if (!isAbsolute(pbxPath)) return [dir ? join(dir, pbxPath) : pbxPath];
  return dir ? [pbxPath, join(dir, basename(pbxPath))] : [pbxPath];
}

/**
 * The first local file of `pbxPath` that exists. While none does and `firstMissingAtMs()` (asked only then: when it was
 * first looked for in vain) is less than RECORDING_WAIT_MS ago, a RetryableError (checked again in 5 s); after that a PermanentError naming the full paths and the settings.
 * `dirSetting` names the adapter's own folder setting when it has one (BITRIX24_RECORDINGS_DIR).
 */
export async function findRecording(
  pbxPath: string, paths: RecordingPaths, o: { dir?: string | null; dirSetting?: string; firstMissingAtMs: () => Promise<number>; nowMs?: number },
): Promise<string> {
  const candidates = localCandidates(pbxPath, paths, o.dir === undefined ? paths.dir : o.dir);
  for (const path of candidates) {
    try { await access(path); return path; } catch { /* try the next */ }
  }
  const waited = (o.nowMs ?? Date.now()) - (await o.firstMissingAtMs());
  const where = candidates.join(' or ');
  const settings = ['RECORDINGS_PATH_MAP (pbx-prefix=local-prefix)', o.dirSetting ?? 'RECORDINGS_DIR'].join(' or ');
  if (waited < RECORDING_WAIT_MS) {
    throw new RetryableError(`recording ${where} not found yet (PBX path ${pbxPath}); waiting up to ${RECORDING_WAIT_MS / 1000} s`, RECHECK_MS);
  }
  throw new PermanentError(`recording not found after ${Math.round(waited / 1000)} s: ${where} (PBX path ${pbxPath}); `
    + `mount the PBX's recordings on this host and set ${settings} so the path is readable here`);
}
