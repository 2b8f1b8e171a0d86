import { readFileSync } from 'node:fs';
/** The version in package.json (../../package.json from both src/metrics and dist/metrics); 'unknown' if unreadable. */
export function packageVersion() {
    try {
        const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
        if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string')
            return pkg.version;
    }
    catch { /* fall through */ }
    return 'unknown';
}
