import { amiFixturesDir } from '../../harness/ami/fixture-dir.js';
import { onTestFinished } from 'vitest';
import { startChaosRig, CHAOS_TRACKER, type ChaosRig, type RigOptions } from '../../harness/chaos/chaos-rig.js';
import { buildChaosSchedule, type ChaosSchedule } from '../../harness/chaos/chaos-schedule.js';
import { testRedisUrl, uniquePrefix } from '../support/test-redis.js';

export const TRANSCRIPTS = amiFixturesDir();

export function schedule(only: string[], calls: number, everySec: number): Promise<ChaosSchedule> {
  return buildChaosSchedule({ transcriptDir: TRANSCRIPTS, only, calls, everySec, tracker: CHAOS_TRACKER });
}

/** A rig on the test Redis with a unique prefix, closed (daemons killed) when the test finishes. */
export async function testRig(opts: Omit<RigOptions, 'redisUrl' | 'prefix'>): Promise<ChaosRig> {
  const rig = await startChaosRig({ ...opts, redisUrl: testRedisUrl(), prefix: uniquePrefix(), ...(process.env['CHAOS_LOG'] ? { logFile: process.env['CHAOS_LOG'] } : {}) });
  onTestFinished(() => rig.close());
  return rig;
}

/** Index of the first frame at or after `from` whose Event is `name`. */
export function frameIndex(s: ChaosSchedule, name: string, from = 0): number {
  const i = s.eventNames.findIndex((n, idx) => idx >= from && n === name);
  if (i < 0) throw new Error(`no ${name} frame after ${from}`);
  return i;
}
