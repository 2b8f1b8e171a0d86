/**
 * Bitrix24 adapter under the portal's real request limit (leaky bucket 2 req/s, burst 50) through the emulator.
 * Every call lifecycle goes through the real CallSync (SyncStateStore and CallJournal on a private Redis), fed with
 * the CallEvents of an answered inbound call (harness/call-builders.ts): ringing → answered → ended, each stage
 * applied when the daemon would. So the requests counted are the ones the daemon really sends. Prints REST requests
 * per call, commands per request, card latency (ring → register + card answered), failed operations and lost calls.
 * Callers: `known` = a client whose contact belongs to the operator it rings (as "route to responsible" does);
 * `new` = an unknown number (CRM_CREATE=contact creates a contact).
 * Run: npx tsx bench/bitrix24.ts   (about 3 min; starts its own redis-server)
 *   BENCH_PHASES=low,target  BENCH_SERVER_MS=100  BENCH_TALK_MS=1500
 */
import { Redis } from 'ioredis';
import type { CallEvent } from '../src/calls/call.js';
import { bitrix24Crm } from '../src/crm/bitrix24/bitrix24-crm.js';
import { loadConfig } from '../src/config/load-config.js';
import { createBitrix24Adapter } from '../src/crm/bitrix24/bitrix24-adapter.js';
import { startPrivateRedis } from '../harness/redis/private-redis.js';
import { CallJournal } from '../src/journal/call-journal.js';
import { silentLogger } from '../src/log.js';
import { CallSync } from '../src/sync/call-sync.js';
import { SyncStateStore } from '../src/sync/sync-state-store.js';
import { startBitrix24Emulator, type Bitrix24Emulator } from '../harness/crm/bitrix24-emulator.js';
import { inboundAnsweredEvents } from '../harness/call-builders.js';
import { benchArgs } from '../harness/bench-args.js';
import { sleep } from '../harness/poll.js';

benchArgs(import.meta.url, {}); // settings are environment variables; --help prints them

type Callers = 'known' | 'new';
interface Phase { readonly name: string; readonly callsPerMin: number; readonly seconds: number; readonly callers: Callers }

const PHASES: readonly Phase[] = [
  { name: 'low', callsPerMin: 12, seconds: 30, callers: 'known' },
  { name: 'low-new', callsPerMin: 12, seconds: 30, callers: 'new' },
  { name: 'medium', callsPerMin: 120, seconds: 20, callers: 'known' },
  { name: 'target', callsPerMin: 600, seconds: 60, callers: 'known' },
  { name: 'target-new', callsPerMin: 600, seconds: 30, callers: 'new' },
  { name: 'over', callsPerMin: 900, seconds: 20, callers: 'known' },
];
const RING_MS = 500;                                             // ringing → answered
const TALK_MS = Number(process.env['BENCH_TALK_MS'] ?? 1500);    // answered → ended
const SERVER_MS = Number(process.env['BENCH_SERVER_MS'] ?? 100); // simulated Bitrix24 processing time per request
const ONLY = process.env['BENCH_PHASES']?.split(',');
const EXTENSIONS = Array.from({ length: 20 }, (_, i) => String(201 + i));
const userOf = (ext: string) => String(10 + EXTENSIONS.indexOf(ext));

interface PhaseResult { calls: number; failedOps: number; cardMs: number[]; requests: number; commands: number; rejected: number; ids: string[] }

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** A known client: a contact with this phone, owned by the operator the call rings. */
function seedContact(emu: Bitrix24Emulator, phone: string, ext: string): void {
  emu.state.entities.push({ kind: 'CONTACT', id: emu.state.newId(), fields: { NAME: 'Client', PHONE: [{ VALUE: phone, VALUE_TYPE: 'WORK' }], ASSIGNED_BY_ID: userOf(ext) } });
}

/** One answered inbound call, its stages applied by CallSync at the times the tracker would emit them. */
async function lifecycle(sync: CallSync, events: readonly CallEvent[], out: PhaseResult): Promise<void> {
  const apply = async (ev: CallEvent | undefined): Promise<boolean> => {
    if (!ev) return false;
    try { await sync.apply(ev); return true; } catch { out.failedOps += 1; return false; }
  };
  const ringAtMs = Date.now();
  if (await apply(events[0])) out.cardMs.push(Date.now() - ringAtMs);
  await sleep(RING_MS - (Date.now() - ringAtMs));
  await apply(events[1]);
  await sleep(TALK_MS);
  await apply(events[2]);
}

async function runPhase(sync: CallSync, emu: Bitrix24Emulator, phase: Phase, first: number): Promise<PhaseResult> {
  const out: PhaseResult = { calls: 0, failedOps: 0, cardMs: [], requests: 0, commands: 0, rejected: 0, ids: [] };
  const before = { requests: emu.stats.requests, commands: emu.stats.commands, rejected: emu.stats.rejected };
  const total = Math.round((phase.callsPerMin / 60) * phase.seconds);
  const gapMs = 60_000 / phase.callsPerMin;
  const running: Promise<void>[] = [];
  const t0 = Date.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + i * gapMs;
    if (due > Date.now()) await sleep(due - Date.now());
    const n = first + i;
    const ext = EXTENSIONS[n % EXTENSIONS.length] ?? '201';
    const phone = `+7495${String(2_000_000 + n)}`;
    if (phase.callers === 'known') seedContact(emu, phone, ext);
    const id = `${1_795_400_000 + n}.${n}`;
    out.ids.push(id);
    running.push(lifecycle(sync, inboundAnsweredEvents({ id, phone, rang: [ext], answeredBy: ext }), out));
    out.calls += 1;
  }
  await Promise.all(running);
  out.requests = emu.stats.requests - before.requests;
  out.commands = emu.stats.commands - before.commands;
  out.rejected = emu.stats.rejected - before.rejected;
  return out;
}

function row(phase: Phase, r: PhaseResult, lost: number): string {
  const sorted = [...r.cardMs].sort((a, b) => a - b);
  return [phase.name.padEnd(10), phase.callers.padEnd(6), String(phase.callsPerMin).padStart(9), String(r.calls).padStart(6),
    (r.requests / Math.max(1, r.calls)).toFixed(2).padStart(9), (r.commands / Math.max(1, r.requests)).toFixed(1).padStart(9),
    `${percentile(sorted, 50)} ms`.padStart(9), `${percentile(sorted, 95)} ms`.padStart(9), String(r.failedOps).padStart(7),
    String(lost).padStart(5), String(r.rejected).padStart(5)].join(' ');
}

async function main(): Promise<void> {
  const redisServer = await startPrivateRedis();
  const emu = await startBitrix24Emulator({ users: EXTENSIONS.map((e) => ({ ID: userOf(e), UF_PHONE_INNER: e })), processingMs: SERVER_MS });
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  const b24Env = { BITRIX24_WEBHOOK_URL: emu.webhookUrl };
  const prefix = `bench${Date.now()}`;
  const config = loadConfig({ AMI_USERNAME: 'bench', AMI_SECRET: 'bench-secret', API_TOKEN: 'bench-api-token-0123456789', CRM_ADAPTER: 'bitrix24', REDIS_PREFIX: prefix, ...b24Env });
  const b24 = bitrix24Crm.settingsFrom(b24Env);
  const adapter = createBitrix24Adapter(b24, { redis, prefix, users: config.users, log: silentLogger() });
  const sync = new CallSync(adapter, config.sync, new SyncStateStore(redis, prefix), new CallJournal(redis, prefix), silentLogger());
  try {
    await adapter.extensionOfUser('10');                       // user directory loaded once at start
    console.log(`bitrix24 bench (real CallSync, CRM_CREATE=${config.sync.create}): portal limit 2 req/s burst 50, server ${SERVER_MS} ms/request, batch window ${b24.batch.windowMs} ms, ring ${RING_MS} ms, talk ${TALK_MS} ms`);
    console.log('phase      callers calls/min  calls  req/call  cmds/req  card p50  card p95  failed  lost  503s');
    let first = 0;
    for (const phase of PHASES.filter((p) => !ONLY || ONLY.includes(p.name))) {
      const r = await runPhase(sync, emu, phase, first);
      first += r.calls;
      const finished = new Set(emu.state.finished().map((c) => String(c.params['EXTERNAL_CALL_ID'])));
      console.log(row(phase, r, r.ids.filter((id) => !finished.has(id)).length));
    }
    const registered = emu.state.registered().length;
    const finished = emu.state.finished().length;
    console.log(`portal state: ${registered} registered, ${finished} finished for ${first} calls (lost: ${first - finished}, duplicated: ${registered - first}); client limit retries ${adapter.client.stats.limitRetries}`);
  } finally {
    await adapter.close();
    redis.disconnect();
    await emu.close();
    await redisServer.stop();
  }
}

await main();
