import { z } from 'zod';
import { envSection } from './env-section.js';
const ms = (fallback) => z.coerce.number({ error: 'must be a whole number of milliseconds' }).int().min(1000).default(fallback);
const optionalText = z.string().optional().transform((s) => (s === undefined || s.trim() === '' ? undefined : s.trim()));
/** One `pbx-path=local-path` pair per comma: where the daemon reads the files the PBX names by its own paths. */
const PathMapSchema = z.string().default('').transform((s, ctx) => {
    const pairs = [];
    for (const item of s.split(',').map((x) => x.trim()).filter(Boolean)) {
        const [from, to, extra] = item.split('=');
        if (!from?.startsWith('/') || !to?.startsWith('/') || extra !== undefined) {
            ctx.addIssue({ code: 'custom', message: `"${item}" is not /pbx/path=/local/path (absolute paths, comma-separated pairs)` });
            continue;
        }
        pairs.push({ from: from.replace(/\/+$/, ''), to: to.replace(/\/+$/, '') });
    }
    return pairs;
});
/** The operator console and the recordings it plays. */
const ConsoleEnvShape = {
    CONSOLE_USERS_FILE: optionalText,
    CONSOLE_SESSION_TTL_MS: ms(12 * 3600_000),
    CONSOLE_TRUST_PROXY: z.stringbool().default(false),
    CONSOLE_LOGIN_MAX_PER_MIN: z.coerce.number().int().min(1).max(1000).default(5),
    CONSOLE_EVENTS_MAX: z.coerce.number().int().min(100).max(10_000_000).default(20_000),
    CONSOLE_EVENTS_KEEP_MS: ms(3600_000),
};
const RecordingsEnvShape = {
    RECORDINGS_DIR: optionalText,
    RECORDINGS_PATH_MAP: PathMapSchema,
};
export function toConsoleConfig(env) {
    return {
        usersFile: env.CONSOLE_USERS_FILE ?? null, sessionTtlMs: env.CONSOLE_SESSION_TTL_MS, trustProxy: env.CONSOLE_TRUST_PROXY,
        loginMaxPerMinute: env.CONSOLE_LOGIN_MAX_PER_MIN, eventsMax: env.CONSOLE_EVENTS_MAX, eventsKeepMs: env.CONSOLE_EVENTS_KEEP_MS,
    };
}
/** The operator console (Config.console: off when CONSOLE_USERS_FILE is unset). */
export const consoleSection = envSection({ shape: ConsoleEnvShape, build: (env) => toConsoleConfig(env) });
/** Where recordings are read, for console playback (Config.recordings). */
export const recordingsSection = envSection({
    shape: RecordingsEnvShape,
    build: (env) => ({ dir: env.RECORDINGS_DIR ?? null, pathMap: env.RECORDINGS_PATH_MAP }),
});
