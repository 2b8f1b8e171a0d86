import { createHmac, timingSafeEqual } from 'node:crypto';
/** Header names of a signed delivery (docs/webhook.md). */
export const TIMESTAMP_HEADER = 'X-Pcb-Timestamp';
export const SIGNATURE_HEADER = 'X-Pcb-Signature';
/** How far a receiver should let the timestamp drift from its own clock before refusing a delivery as a replay. */
export const DEFAULT_REPLAY_WINDOW_SEC = 300;
/** `v1=<hex>`: HMAC-SHA256 with the shared secret over `<unix seconds>.<raw body>`. */
export function signWebhook(secret, timestampSec, body) {
    const hex = createHmac('sha256', secret).update(`${timestampSec}.${body}`).digest('hex');
    return `v1=${hex}`;
}
/** What a receiver does: check the timestamp is within the replay window, then compare signatures in constant time. */
export function verifyWebhook(secret, d, nowSec, windowSec = DEFAULT_REPLAY_WINDOW_SEC) {
    if (!d.timestamp || !d.signature || !/^\d{1,12}$/.test(d.timestamp))
        return { ok: false, reason: 'missing' };
    const ts = Number(d.timestamp);
    if (Math.abs(nowSec - ts) > windowSec)
        return { ok: false, reason: 'stale' };
    const expected = Buffer.from(signWebhook(secret, ts, d.body));
    const given = Buffer.from(d.signature.trim());
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return { ok: false, reason: 'mismatch' };
    return { ok: true };
}
