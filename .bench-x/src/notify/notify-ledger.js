import { createHash } from 'node:crypto';
const SENT_TTL_SEC = 40 * 86_400;
const HOUR_MS = 3_600_000;
/** A short, stable digest of an address: keys and job ids never hold an address (nor a chat id). */
export function addressKey(channel, address) {
    return createHash('sha256').update(`${channel}\n${address}`).digest('hex').slice(0, 16);
}
/**
 * What was sent, in Redis: one mark per call and address set right after the peer accepted the message (checked
 * before every send), the sends of the past hour per address (the hourly limit) and the calls a digest gathers.
 */
export class NotifyLedger {
    redis;
    prefix;
    constructor(redis, prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }
    key(...parts) {
        return [this.prefix, 'notify', ...parts].join(':');
    }
    async wasSent(channel, address, what) {
        return (await this.redis.exists(this.key('sent', addressKey(channel, address), what))) === 1;
    }
    /** Marks `what` (a call id, `escalate-<id>`, `summary-<day>`) sent to the address and counts the send for the hour. */
    async markSent(channel, address, whats, atMs) {
        const a = addressKey(channel, address);
        const tx = this.redis.multi();
        for (const what of whats)
            tx.set(this.key('sent', a, what), String(atMs), 'EX', SENT_TTL_SEC);
        tx.zadd(this.key('rate', a), atMs, `${atMs}-${whats[0] ?? ''}`).zremrangebyscore(this.key('rate', a), '-inf', atMs - HOUR_MS)
            .expire(this.key('rate', a), 7200);
        await tx.exec();
    }
    /**
     * Claims `what` (`report-<day>`) for one job: the first job to ask owns it (kept 40 days), and only that job (its
     * retries included) goes on; another instance's job for the same day gets false.
     */
    async claim(what, jobId) {
        const k = this.key('claim', what);
        if ((await this.redis.set(k, jobId, 'EX', SENT_TTL_SEC, 'NX')) === 'OK')
            return true;
        return (await this.redis.get(k)) === jobId;
    }
    async sentLastHour(channel, address, atMs) {
        return this.redis.zcount(this.key('rate', addressKey(channel, address)), atMs - HOUR_MS, '+inf');
    }
    async addToDigest(address, windowEnd, callId) {
        const k = this.key('digest', addressKey('email', address), String(windowEnd));
        await this.redis.multi().sadd(k, callId).expire(k, SENT_TTL_SEC).exec();
    }
    async digestCalls(address, windowEnd) {
        return (await this.redis.smembers(this.key('digest', addressKey('email', address), String(windowEnd)))).sort();
    }
}
