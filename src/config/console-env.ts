import { z } from 'zod';
import { envSection, type EnvOf } from './env-section.js';

const ms = (fallback: number) => z.coerce.number({ error: 'must be a whole number of milliseconds' }).int().min(1000).default(fallback);
const optionalText = z.string().optional().transform((s) => (s === undefined || s.trim() === '' ? undefined : s.trim()));

/** One `pbx-path=local-path` pair per comma: where the daemon reads the files the PBX names by its own paths. */
const PathMapSchema = z.string().default('').transform((s, ctx) => {
  const pairs: Array<{ readonly from: string; readonly to: string }> = [];
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
} as const;

const RecordingsEnvShape = {
  RECORDINGS_DIR: optionalText,
  RECORDINGS_PATH_MAP: PathMapSchema,
} as const;

type ConsoleEnv = EnvOf<typeof ConsoleEnvShape>;

export interface ConsoleConfig {
  /** The users file; the console is off (no /console routes, no event stream) when null. */
  readonly usersFile: string | null;
  readonly sessionTtlMs: number;
  /** Believe X-Forwarded-Proto / X-Forwarded-For from the proxy in front (Secure cookie, client address). */
  readonly trustProxy: boolean;
  readonly loginMaxPerMinute: number;
  /** The card event stream in Redis: at most this many entries (approximately), none older than keepMs. */
  readonly eventsMax: number;
  readonly eventsKeepMs: number;
}

export interface RecordingsConfig {
  /** Folder the daemon serves recordings from; null: no playback. */
  readonly dir: string | null;
  /** PBX path prefix → local path prefix, first match wins. */
  readonly pathMap: ReadonlyArray<{ readonly from: string; readonly to: string }>;
}

export function toConsoleConfig(env: ConsoleEnv): ConsoleConfig {
  return {
    usersFile: env.CONSOLE_USERS_FILE ?? null, sessionTtlMs: env.CONSOLE_SESSION_TTL_MS, trustProxy: env.CONSOLE_TRUST_PROXY,
    loginMaxPerMinute: env.CONSOLE_LOGIN_MAX_PER_MIN, eventsMax: env.CONSOLE_EVENTS_MAX, eventsKeepMs: env.CONSOLE_EVENTS_KEEP_MS,
  };
}

/** The operator console (Config.console: off when CONSOLE_USERS_FILE is unset). */
export const consoleSection = envSection({ shape: ConsoleEnvShape, build: (env): ConsoleConfig => toConsoleConfig(env) });

/** Where recordings are read, for console playback (Config.recordings). */
export const recordingsSection = envSection({
  shape: RecordingsEnvShape,
  build: (env): RecordingsConfig => ({ dir: env.RECORDINGS_DIR ?? null, pathMap: env.RECORDINGS_PATH_MAP }),
});
