import { access, realpath } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { PermanentError, RetryableError } from '../errors.js';
export const NO_RECORDING_PATHS = { dir: null, pathMap: [] };
/** How long a recording the PBX named but the daemon cannot see yet is waited for (MixMonitor writes it at hang-up). */
export const RECORDING_WAIT_MS = 120_000;
const RECHECK_MS = 5_000;
/** The PBX's path mapped by RECORDINGS_PATH_MAP (first matching prefix) with the local folder it maps to, or null when no prefix matches. */
export function mappedPath(pbxPath, pathMap) {
    return mappedTarget(pbxPath, pathMap)?.path ?? null;
}
function mappedTarget(pbxPath, pathMap) {
    for (const { from, to } of pathMap) {
        if (pbxPath === from || pbxPath.startsWith(`${from}/`))
            return { path: to + pbxPath.slice(from.length), root: to };
    }
    return null;
}
/** True when `path` lies strictly inside the folder `root` (lexically, after resolving both; no symbolic links followed). */
export function isInside(root, path) {
    const rel = relative(resolve(root), resolve(path));
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..');
}
/** Why a PBX recording path (an AMI header: untrusted) is refused before any mapping, or null: NUL bytes and `..` parts. */
export function unsafePbxPath(pbxPath) {
    if (pbxPath.includes('\0'))
        return 'it holds a NUL byte';
    if (pbxPath.split(/[\\/]/).includes('..'))
        return 'it holds a `..` part';
    return null;
}
/**
 * The local paths to try for a recording, in order: the mapped path (RECORDINGS_PATH_MAP); else an absolute path as
 * the PBX named it when it is inside `dir`; a relative one inside `dir`; and, for an unmapped absolute path, its file
 * name inside `dir` too. Each stays inside its folder: a PermanentError (naming the path and the setting) otherwise.
 */
export function localCandidates(pbxPath, paths, dir = paths.dir, dirSetting = 'RECORDINGS_DIR') {
    const unsafe = unsafePbxPath(pbxPath);
    if (unsafe !== null)
        throw new PermanentError(`recording path ${JSON.stringify(pbxPath)} refused: ${unsafe}; the PBX may name only files inside the recordings folder`);
    const mapped = mappedTarget(pbxPath, paths.pathMap);
    if (mapped !== null) {
        if (!isInside(mapped.root, mapped.path))
            throw outside(pbxPath, mapped.path, mapped.root, 'RECORDINGS_PATH_MAP');
        return [{ path: mapped.path, root: mapped.root, setting: 'RECORDINGS_PATH_MAP' }];
    }
    if (!dir)
        throw new PermanentError(`recording path ${pbxPath} refused: it matches no RECORDINGS_PATH_MAP prefix and no ${dirSetting} is set, so there is no folder to read it from`);
    const inDir = (path) => ({ path, root: dir, setting: dirSetting });
    if (!isAbsolute(pbxPath)) {
        const path = join(dir, pbxPath);
        if (!isInside(dir, path))
            throw outside(pbxPath, path, dir, dirSetting);
        return [inDir(path)];
    }
    const byName = join(dir, basename(pbxPath));
    const named = isInside(dir, byName) ? [inDir(byName)] : [];
    const candidates = isInside(dir, pbxPath) ? [inDir(pbxPath), ...named] : named;
    if (candidates.length === 0)
        throw outside(pbxPath, pbxPath, dir, dirSetting);
    return candidates;
}
function outside(pbxPath, local, root, setting) {
    return new PermanentError(`recording path ${pbxPath} refused: it leads to ${resolve(local)}, outside ${resolve(root)} (${setting})`);
}
/**
 * The first local file of `pbxPath` that exists. While none does and `firstMissingAtMs()` (asked only then: when it was
 * first looked for in vain) is less than RECORDING_WAIT_MS ago, a RetryableError (checked again in 5 s); after that a PermanentError naming the full paths and the settings.
 * `dirSetting` names the adapter's own folder setting when it has one (BITRIX24_RECORDINGS_DIR).
 */
export async function findRecording(pbxPath, paths, o) {
    const candidates = localCandidates(pbxPath, paths, o.dir === undefined ? paths.dir : o.dir, o.dirSetting ?? 'RECORDINGS_DIR');
    for (const { path, root, setting } of candidates) {
        let real;
        try {
            await access(path);
            real = await realpath(path);
        }
        catch {
            continue; /* try the next */
        }
        // a symbolic link inside the folder may still lead out of it
        if (!isInside(await realpath(root), real))
            throw outside(pbxPath, real, root, setting);
        return path;
    }
    const waited = (o.nowMs ?? Date.now()) - (await o.firstMissingAtMs());
    const where = candidates.map((c) => c.path).join(' or ');
    const settings = ['RECORDINGS_PATH_MAP (pbx-prefix=local-prefix)', o.dirSetting ?? 'RECORDINGS_DIR'].join(' or ');
    if (waited < RECORDING_WAIT_MS) {
        throw new RetryableError(`recording ${where} not found yet (PBX path ${pbxPath}); waiting up to ${RECORDING_WAIT_MS / 1000} s`, RECHECK_MS);
    }
    throw new PermanentError(`recording not found after ${Math.round(waited / 1000)} s: ${where} (PBX path ${pbxPath}); `
        + `mount the PBX's recordings on this host and set ${settings} so the path is readable here`);
}
