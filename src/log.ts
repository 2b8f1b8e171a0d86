import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/** Paths pino censors in every line, wherever a secret could sit in a logged object. */
export const SECRET_PATHS = [
  'secret', '*.secret', 'password', '*.password', 'token', '*.token', 'apiToken', '*.apiToken',
  'authorization', '*.authorization', 'headers.authorization', 'req.headers.authorization',
  'webhookUrl', '*.webhookUrl', 'refreshToken', '*.refreshToken', 'accessToken', '*.accessToken',
  'clientSecret', '*.clientSecret', 'auth', '*.auth', 'application_token', '*.application_token',
];

/** Replaces every configured secret value inside a string (for messages built from foreign text). */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length < MIN_SCRUBBED_LENGTH) continue;
    out = out.split(s).join('[redacted]');
    const escaped = JSON.stringify(s).slice(1, -1); // how the secret looks inside a JSON log line
    if (escaped !== s) out = out.split(escaped).join('[redacted]');
  }
  return out;
}

/** Shorter values would blank out ordinary words; the config refuses secrets this short. */
export const MIN_SCRUBBED_LENGTH = 4;

/**
 * The one pino root. Besides path redaction, every line is scrubbed of the configured secret values,
 * so a token inside a URL or an error message from a library cannot reach the log.
 */
export function createLogger(level: string, secrets: readonly string[], dest?: DestinationStream): Logger {
  const stream: DestinationStream = dest ?? pino.destination({ dest: 1, sync: false });
  const scrubbing: DestinationStream = secrets.length === 0 ? stream : {
    write: (line: string) => stream.write(scrubSecrets(line, secrets)),
  };
  return pino({ level, redact: { paths: SECRET_PATHS, censor: '[redacted]' }, base: { app: 'pbx-crm-bridge' } }, scrubbing);
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
