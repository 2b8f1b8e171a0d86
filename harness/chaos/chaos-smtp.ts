/**
 * Missed-call mail through an SMTP outage (`npm run chaos -- --smtp`): real daemon processes (CRM_ADAPTER=bitrix24
 * against the emulator, SMTP_URL at the harness SMTP sink) read a replayed PBX whose calls include missed ones. The
 * SMTP server is down from the start for `smtpDownSec` (the 2 minutes by default) and the daemon is killed
 * with -9 in the middle of the outage; once the server is back, every missed call must be mailed exactly once (a
 * digest counts: each call is named in it once), to the address of an operator, and no answered call mailed. The
 * hourly limit is raised: past it mail waits for a 15-minute digest by design, which is not what this measures.
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallSnapshot } from '../../src/calls/call.js';
import { CallJournal } from '../../src/journal/call-journal.js';
import type { CalledBack } from '../../src/journal/call-record.js';
import { startSmtpSink, type ReceivedMail } from '../mail/smtp-sink.js';
import { pollUntil, sleep } from '../poll.js';
import { startPrivateRedis } from '../redis/private-redis.js';
import { CHAOS_USERS, startChaosRig } from './chaos-rig.js';
import type { ChaosSchedule } from './chaos-schedule.js';

export interface SmtpChaosSettings {
  readonly speed: number;
  readonly smtpDownSec: number;
  /** Longest wait for the mail once the SMTP server is back. */
  readonly settleSec: number;
  readonly logFile?: string;
  readonly daemonEnv?: Readonly<Record<string, string>>;
}

export interface SmtpChaosResult {
  /** Missed inbound calls in the uncut truth (each must be mailed once). */
  readonly missed: number;
  readonly mailed: number;
  readonly lost: number;
  readonly duplicated: number;
  /** Answered or outbound calls that were mailed anyway. */
  readonly wrong: number;
  /** Mails that went to an address no operator has. */
  readonly misaddressed: number;
  /**
   * Missed calls not mailed because the client was reached first: a later answered call with the same number (in the
   * uncut truth, which the journal's `calledBack` names) closed them while their notice waited for the SMTP server.
   */
  readonly closedFirst: number;
  readonly mails: number;
  readonly lostIds: readonly string[];
  readonly duplicatedIds: readonly string[];
  readonly faults: readonly string[];
  readonly seconds: number;
}

const READING = '"msg":"reading the PBX"';
const addressOf = (ext: string) => `op${ext}@example.com`;

/** A missed call as the journal defines it: inbound and nobody answered. */
export function isMissed(call: CallSnapshot): boolean {
  return call.direction === 'inbound' && call.disposition !== 'answered';
}

/** Every extension any call of the schedule rang or was answered on, and the emulator's users. */
function extensionsOf(schedule: ChaosSchedule): string[] {
  const exts = new Set(CHAOS_USERS.map((u) => u.UF_PHONE_INNER));
  for (const call of schedule.expected.values()) {
    for (const r of call.rang) exts.add(r.target);
    if (call.answeredBy) exts.add(call.answeredBy);
  }
  return [...exts].filter((e) => /^\d{1,9}$/.test(e));
}

/** How many times each call id is named in the mail ("(call <id>)" in a single notice and in every digest entry). */
export function mentions(mails: readonly ReceivedMail[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const m of mails) {
    for (const match of m.text.matchAll(/Missed call \(call ([^)\s]+)\)/g)) {
      const id = match[1] ?? '';
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
  }
  return seen;
}

/** A call back the journal names is real when the truth has it: answered, after the missed call, with the same number. */
function reachedBy(schedule: ChaosSchedule, missed: CallSnapshot, calledBack: CalledBack | null | undefined): boolean {
  const back = calledBack ? schedule.expected.get(calledBack.callId) : undefined;
  return back !== undefined && back.disposition === 'answered' && back.externalNumber === missed.externalNumber && back.startedAtMs >= missed.startedAtMs;
}

export function tallyMail(
  schedule: ChaosSchedule, mails: readonly ReceivedMail[], addresses: ReadonlySet<string>, calledBack: ReadonlyMap<string, CalledBack | null> = new Map(),
): Omit<SmtpChaosResult, 'faults' | 'seconds'> {
  const seen = mentions(mails);
  const missed = [...schedule.expected].filter(([, c]) => isMissed(c));
  const closed = missed.filter(([id, c]) => (seen.get(id) ?? 0) === 0 && reachedBy(schedule, c, calledBack.get(id))).map(([id]) => id);
  const missedIds = missed.map(([id]) => id).filter((id) => !closed.includes(id));
  const lostIds = missedIds.filter((id) => (seen.get(id) ?? 0) === 0);
  const duplicatedIds = missedIds.filter((id) => (seen.get(id) ?? 0) > 1);
  const wrong = [...schedule.expected].filter(([id, c]) => !isMissed(c) && seen.has(id)).length;
  const misaddressed = mails.filter((m) => m.to.some((a) => !addresses.has(a))).length;
  return {
    missed: missedIds.length, mailed: missedIds.length - lostIds.length, lost: lostIds.length, duplicated: duplicatedIds.length,
    wrong, misaddressed, closedFirst: closed.length, mails: mails.length, lostIds, duplicatedIds,
  };
}

export async function runSmtpChaos(schedule: ChaosSchedule, s: SmtpChaosSettings, prefix = 'chaos-smtp'): Promise<SmtpChaosResult> {
  const startedAt = Date.now();
  const faults: string[] = [];
  const note = (what: string) => faults.push(`${((Date.now() - startedAt) / 1000).toFixed(1)} s ${what}`);
  const dir = mkdtempSync(join(tmpdir(), 'pcb-chaos-smtp-'));
  const exts = extensionsOf(schedule);
  const addresses = new Set(exts.map(addressOf));
  const rulesFile = join(dir, 'rules.json');
  writeFileSync(rulesFile, JSON.stringify({ notify: { extensions: Object.fromEntries(exts.map((e) => [e, { email: addressOf(e) }])) } }));
  const smtp = await startSmtpSink();
  await smtp.stop();
  note(`SMTP down for ${s.smtpDownSec} s`);
  const redis = await startPrivateRedis(undefined, { appendOnlyDir: dir });
  const rig = await startChaosRig({
    schedule, redisUrl: redis.url, prefix, speed: s.speed,
    daemonEnv: {
      SMTP_URL: smtp.url, SMTP_FROM: 'PBX bridge <pbx@example.com>', RULES_FILE: rulesFile,
      // one owner gets most of these calls: past 20 mails an hour the rest would wait for a 15-minute digest (by design)
      NOTIFY_HOURLY_LIMIT: '1000', ...s.daemonEnv,
    },
    ...(s.logFile ? { logFile: s.logFile } : {}),
  });
  try {
    const first = await rig.spawn();
    await pollUntil(() => first.lines.some((l) => l.includes(READING)), { timeoutMs: 30_000 });
    await sleep((s.smtpDownSec * 1000) / 2);
    first.signal('SIGKILL');
    await first.exited;
    note('daemon kill -9 (SMTP still down)');
    const second = await rig.spawn();
    await pollUntil(() => second.lines.some((l) => l.includes(READING)), { timeoutMs: 30_000 });
    note('new daemon reads the PBX');
    await sleep(Math.max(0, startedAt + s.smtpDownSec * 1000 - Date.now()));
    await smtp.start();
    note(`SMTP back (${smtp.mails.length} mails before)`);
    await rig.replay.finished;
    note('replay over');
    const journal = new CallJournal(rig.redis, prefix);
    const calledBack = new Map<string, CalledBack | null>();
    const readJournal = async () => {
      for (const [id, c] of schedule.expected) if (isMissed(c)) calledBack.set(id, (await journal.get(id).catch(() => null))?.calledBack ?? null);
    };
    const done = async () => { await readJournal(); return tallyMail(schedule, smtp.mails, addresses, calledBack).lost === 0; };
    await pollUntil(done, { timeoutMs: s.settleSec * 1000, intervalMs: 500 });
    await sleep(3000); // a late duplicate would show up now
    await readJournal();
    note('settled');
    return { ...tallyMail(schedule, smtp.mails, addresses, calledBack), faults, seconds: Math.round((Date.now() - startedAt) / 1000) };
  } finally {
    await rig.close();
    await smtp.stop();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
