import { pino } from 'pino';
/** Paths pino censors in every line, wherever a secret could sit in a logged object. */
export const SECRET_PATHS = [
    'secret', '*.secret', 'password', '*.password', 'token', '*.token', 'apiToken', '*.apiToken',
    'authorization', '*.authorization', 'headers.authorization', 'req.headers.authorization',
    'webhookUrl', '*.webhookUrl', 'refreshToken', '*.refreshToken', 'accessToken', '*.accessToken',
    'clientSecret', '*.clientSecret', 'auth', '*.auth', 'application_token', '*.application_token',
];
/** Replaces every configured secret value inside a string (for messages built from foreign text). */
export function scrubSecrets(text, secrets) {
    let out = text;
    for (const s of secrets) {
        if (s.length < MIN_SCRUBBED_LENGTH)
            continue;
        out = out.split(s).join('[redacted]');
        const escaped = JSON.stringify(s).slice(1, -1); // how the secret looks inside a JSON log line
        if (escaped !== s)
            out = out.split(escaped).join('[redacted]');
    }
    return out;
}
/** A phone number as logs show it: the country and area digits and the last four, `+79261232233` → `+7926***2233`. */
export function maskPhone(phone) {
    const plus = phone.startsWith('+') ? '+' : '';
    const digits = phone.replace(/\D/g, '');
    if (digits.length < 6)
        return `${plus}***`;
    const head = Math.min(4, Math.max(1, digits.length - 7));
    return `${plus}${digits.slice(0, head)}***${digits.slice(-4)}`;
}
/** E.164 anywhere in a line (messages, error texts), and any value of a field that holds a number in another form. */
const E164_IN_TEXT = /\+\d{7,15}(?!\d)/g;
const PHONE_FIELD = /"(phone|number|externalNumber|callerNumber|calledNumber|calleridnum|connectedlinenum|PHONE_NUMBER)":"([^"\\]*)"/gi;
const LEVEL = /^\{"level":(\d+)/;
/** pino's info level: lines at it and above are masked; debug and trace keep numbers for troubleshooting. */
const MASK_FROM_LEVEL = 30;
/** Masks every phone number in one JSON log line at info level or above (see maskPhone). */
export function maskPhonesInLine(line) {
    const level = Number(LEVEL.exec(line)?.[1] ?? MASK_FROM_LEVEL);
    if (level < MASK_FROM_LEVEL)
        return line;
    return line.replace(PHONE_FIELD, (_all, key, value) => `"${key}":"${value.includes('***') ? value : maskPhone(value)}"`)
        .replace(E164_IN_TEXT, (n) => maskPhone(n));
}
/** Shorter values would blank out ordinary words; the config refuses secrets this short. */
export const MIN_SCRUBBED_LENGTH = 4;
/**
 * The one pino root. Besides path redaction, every line is scrubbed of the configured secret values,
 * so a token inside a URL or an error message from a library cannot reach the log, and phone numbers are masked in
 * lines at info level and above (a number inside an error message too).
 */
export function createLogger(level, secrets, dest) {
    const stream = dest ?? pino.destination({ dest: 1, sync: false });
    const scrubbing = {
        write: (line) => stream.write(maskPhonesInLine(secrets.length === 0 ? line : scrubSecrets(line, secrets))),
    };
    return pino({ level, redact: { paths: SECRET_PATHS, censor: '[redacted]' }, base: { app: 'pbx-crm-bridge' } }, scrubbing);
}
export function silentLogger() {
    return pino({ level: 'silent' });
}
