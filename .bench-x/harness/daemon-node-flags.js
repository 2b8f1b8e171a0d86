import { existsSync, readFileSync } from 'node:fs';
/** A shell word with its quotes removed and `${NAME:-default}` / `${NAME}` expanded from `env`, as sh would. */
export function expandShellWord(word, env = process.env) {
    return word.replace(/["']/g, '').replace(/\$\{([A-Z_][A-Z0-9_]*)(?::-([^}]*))?\}/g, (_m, name, fallback) => {
        const value = env[name];
        return value !== undefined && value !== '' ? value : (fallback ?? '');
    });
}
/**
 * The node flags of package.json's `start` script (how the daemon runs in production, and in the Dockerfile), from
 * its last command (the one that runs dist/main.js), with NODE_V8_POOL_SIZE, NODE_MAX_OLD_SPACE_MB and NODE_MAX_SEMI_SPACE_MB expanded: the
 * measured child runs with the same V8 settings.
 */
export function daemonNodeFlags(env = process.env) {
    const candidates = [new URL('../package.json', import.meta.url), new URL(`file://${process.cwd()}/package.json`)];
    const path = candidates.find((url) => existsSync(url));
    if (!path)
        return [];
    const start = JSON.parse(readFileSync(path, 'utf8')).scripts?.start ?? '';
    const daemonCommand = start.split('&&').at(-1) ?? '';
    return daemonCommand.trim().split(/\s+/).filter((word) => word.startsWith('--')).map((word) => expandShellWord(word, env));
}
