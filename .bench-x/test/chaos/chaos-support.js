import { amiFixturesDir } from '../../harness/ami/fixture-dir.js';
import { onTestFinished } from 'vitest';
import { startChaosRig, CHAOS_TRACKER } from '../../harness/chaos/chaos-rig.js';
import { buildChaosSchedule } from '../../harness/chaos/chaos-schedule.js';
import { testRedisUrl, uniquePrefix } from '../support/test-redis.js';
export const TRANSCRIPTS = amiFixturesDir();
export function schedule(only, calls, everySec) {
    return buildChaosSchedule({ transcriptDir: TRANSCRIPTS, only, calls, everySec, tracker: CHAOS_TRACKER });
}
/** A rig on the test Redis with a unique prefix, closed (daemons killed) when the test finishes. */
export async function testRig(opts) {
    const rig = await startChaosRig({ ...opts, redisUrl: testRedisUrl(), prefix: uniquePrefix(), ...(process.env['CHAOS_LOG'] ? { logFile: process.env['CHAOS_LOG'] } : {}) });
    onTestFinished(() => rig.close());
    return rig;
}
/** Index of the first frame at or after `from` whose Event is `name`. */
export function frameIndex(s, name, from = 0) {
    const i = s.eventNames.findIndex((n, idx) => idx >= from && n === name);
    if (i < 0)
        throw new Error(`no ${name} frame after ${from}`);
    return i;
}
