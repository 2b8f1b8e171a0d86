import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { isInside as inside, mappedPath, unsafePbxPath } from '../crm/recording-files.js';
/**
 * The local file of a recording the PBX named, inside RECORDINGS_DIR, or null. The PBX path is mapped by
 * RECORDINGS_PATH_MAP (first matching prefix); an unmapped relative path is taken inside the folder, an unmapped
 * absolute one only when it is inside the folder already (the PBX and the daemon share the mount). NUL bytes, `..` parts (also
 * percent-encoded ones) and anything that resolves — symbolic links followed — outside the folder are refused.
 */
export async function recordingFile(pbxPath, config) {
    if (!config.dir || pbxPath.length === 0 || pbxPath.length > 4096)
        return null;
    if (unsafePbxPath(pbxPath) !== null || /%2e|%2f|%5c|%00/i.test(pbxPath))
        return null;
    const root = resolve(config.dir);
    const local = mappedPath(pbxPath, config.pathMap) ?? (isAbsolute(pbxPath) ? pbxPath : resolve(root, pbxPath)); // unmapped absolute: only when it is in the folder already
    if (!inside(root, resolve(local)))
        return null;
    try {
        const [realRoot, real] = await Promise.all([realpath(root), realpath(local)]);
        return inside(realRoot, real) ? { root: realRoot, relative: relative(realRoot, real) } : null;
    }
    catch {
        return null; // no such file
    }
}
