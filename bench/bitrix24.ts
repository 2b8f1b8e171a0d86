/**
 * Bitrix24 adapter under the portal's real request limit (leaky bucket 2 req/s, burst 50) through the emulator.
 * Drives the CrmAdapter lifecycle sync/ makes for an answered call (findByPhone, registerCall, showCard, hideCard,
 * finishCall) at a rising rate and prints REST requests per call, commands per request, card latency and failures.
 * Run: npx tsx bench/bitrix24.ts   (about 90 s; starts its own redis-server)
 */
import { Redis } from 'ioredis';
import { loadBitrix24Config } from '../src/config/bitrix24-env.js';
import { loadConfig } from '../src/config/load-config.js';
import type { CrmAdapter } from '../src/crm/adapter.js';
import { createBitrix24Adapter } from '../src/crm/bitrix24/bitrix24-adapter.js';
import { startPrivateRedis } from '../src/demo/private-redis.js';
import { silentLogger } from '../src/log.js';
import { startBitrix24Emulator, type Bitrix24Emulator } from '../test/support/bitrix24-emulator.js';

interface Phase { readonly name: string; readonly callsPerMin: number; readonly seconds: number }

const PHASES: readonly Phase[] = [
  { name: 'low', callsPerMin: 12, seconds: 15 },
  { name: 'medium', callsPerMin: 120, seconds: 15 },
  { name: 'target', callsPerMin: 600, seconds: 30 },
  { name: 'over', callsPerMin: 900, seconds: 15 },
];
const TALK_MS = 1500;                      // ring→show, then the call lasts this long before hide + finish
const SERVER_MS = Number(process.env['BENCH_SERVER_MS'] ?? 100); // simulated Bitrix24 processing time per request
/** BENCH_END=parallel: hideCard and finishCall issued together (as sync/ may), so they share one request. */
const PARALLEL_END = process.env['BENCH_END'] === 'parallel';
const ONLY = process.env['BENCH_PHASES']?.split(',');
const EXTENSIONS = Array.from({ length: 20 }, (_, i) => String(201 + i));

interface PhaseResult { calls: number; failedOps: number; cardMs: number[]; requests: number; commands: number; rejected: number }

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function lifecycle(adapter: CrmAdapter, n: number, out: PhaseResult): Promise<void> {
  const ringAtMs = Date.now();
  const ext = EXTENSIONS[n % EXTENSIONS.length] ?? '201';
  const phone = `+7495${String(2_000_000 + n)}`;
  const step = async <T>(op: () => Promise<T>): Promise<T | undefined> => {
    try { return await op(); } catch { out.failedOps += 1; return undefined; }
  };
  const match = await step(() => adapter.findByPhone(phone));
  const ref = await step(() => adapter.registerCall({
    callId: `bench.${n}`, direction: 'inbound', phone, line: '4951230000', startedAtMs: ringAtMs, extension: ext,
    entity: match?.entity ?? null, crmCallId: null, isCallback: false,
  }));
  if (!ref) return;
  await step(() => adapter.showCard(ref, [ext]));
  out.cardMs.push(Date.now() - ringAtMs);
  await new Promise((r) => setTimeout(r, TALK_MS));
  const hide = () => step(() => adapter.hideCard(ref, [ext]));
  const finish = () => step(() => adapter.finishCall(ref, {
    extension: ext, talkDurationSec: 1, disposition: 'answered', hangupCause: 16, endedAtMs: Date.now(), direction: 'inbound',
    phone, line: '4951230000', startedAtMs: ringAtMs, answeredAtMs: ringAtMs + 500, recordingFile: null,
  }));
  if (PARALLEL_END) await Promise.all([hide(), finish()]);
  else { await hide(); await finish(); }
}

async function runPhase(adapter: CrmAdapter, emu: Bitrix24Emulator, phase: Phase, first: number): Promise<PhaseResult> {
  const out: PhaseResult = { calls: 0, failedOps: 0, cardMs: [], requests: 0, commands: 0, rejected: 0 };
  const before = { requests: emu.stats.requests, commands: emu.stats.commands, rejected: emu.stats.rejected };
  const total = Math.round((phase.callsPerMin / 60) * phase.seconds);
  const gapMs = 60_000 / phase.callsPerMin;
  const running: Promise<void>[] = [];
  const t0 = Date.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + i * gapMs;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    running.push(lifecycle(adapter, first + i, out));
    out.calls += 1;
  }
  await Promise.all(running);
  out.requests = emu.stats.requests - before.requests;
  out.commands = emu.stats.commands - before.commands;
  out.rejected = emu.stats.rejected - before.rejected;
  return out;
}

async function main(): Promise<void> {
  const redisServer = await startPrivateRedis();
  const emu = await startBitrix24Emulator({ users: EXTENSIONS.map((e, i) => ({ ID: String(10 + i), UF_PHONE_INNER: e })), processingMs: SERVER_MS });
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  const b24Env = { BITRIX24_WEBHOOK_URL: emu.webhookUrl };
  const config = loadConfig({ AMI_USERNAME: 'bench', AMI_SECRET: 'bench', API_TOKEN: 'bench-api-token-0123456789', CRM_ADAPTER: 'bitrix24', REDIS_PREFIX: `bench${Date.now()}`, ...b24Env });
  const b24 = loadBitrix24Config(b24Env);
  const adapter = createBitrix24Adapter(config, b24, { redis, log: silentLogger() });
  try {
    await adapter.extensionOfUser('10');                       // user directory loaded once at start
    console.log(`bitrix24 bench: portal limit 2 req/s burst 50, server ${SERVER_MS} ms/request, batch window ${b24.batch.windowMs} ms, talk ${TALK_MS} ms, end ${PARALLEL_END ? 'hide ∥ finish' : 'hide then finish'}`);
    console.log('phase    calls/min  calls  req/call  cmds/req  card p50  card p95  failed  503s');
    let first = 0;
    for (const phase of PHASES.filter((p) => !ONLY || ONLY.includes(p.name))) {
      const r = await runPhase(adapter, emu, phase, first);
      first += r.calls;
      const sorted = [...r.cardMs].sort((a, b) => a - b);
      console.log([phase.name.padEnd(8), String(phase.callsPerMin).padStart(9), String(r.calls).padStart(6),
        (r.requests / r.calls).toFixed(2).padStart(9), (r.commands / Math.max(1, r.requests)).toFixed(1).padStart(9),
        `${percentile(sorted, 50)} ms`.padStart(9), `${percentile(sorted, 95)} ms`.padStart(9), String(r.failedOps).padStart(7), String(r.rejected).padStart(5)].join(' '));
    }
    const registered = emu.state.registered().length;
    const finished = emu.state.finished().length;
    const shown = emu.state.cards.filter((c) => c.action === 'show' && c.ok).length;
    console.log(`portal state: ${registered} registered, ${finished} finished, ${shown} cards shown for ${first} calls (lost: ${first - finished}, duplicated: ${registered - first})`);
  } finally {
    await adapter.close();
    redis.disconnect();
    await emu.close();
    await redisServer.stop();
  }
}

await main();
