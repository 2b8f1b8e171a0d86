/**
 * bench/scale: many PBXs in one process. `--pbxs` replayed PBXs (real transcripts, fresh ids, `--calls` calls open at
 * once on each, calls starting spread out; bench/scale-stream.ts) at `--rate` events/s each, over TCP from a child
 * process (bench/scale-load-server.ts), into a deployment file of tenants with `--per-tenant` PBXs each and the local
 * CRM, run by startDeployment in a child process (bench/scale-run.ts) with the node flags of `npm start` and the sync
 * workers in it, on a private redis-server. Measured in the daemon's process: events/s, frame → job in Redis
 * (p50, p99), peak RSS, CPU. Then the same at fewer PBXs (`--steps`) for how cost grows with PBXs, and with all
 * PBXs in one tenant (`--single-tenant yes`).
 * `--instances N` starts N daemon processes on the same deployment file for the main run and reports the leases
 * each holds (GET /ready pbx[].leaseHolder): how evenly they share the PBXs is the lease balancer's business.
 * Every PBX plays the same frames; each starts at its own point of the first `--stagger` seconds, as independent
 * offices do (`--stagger 0`: all within one frame gap, so each call event comes with one from every other PBX).
 * Run: npx tsx bench/scale.ts [--pbxs 50] [--per-tenant 5] [--calls 20] [--rate 45] [--seconds 90] [--stagger 10]
 *      [--steps 1,10,25] [--single-tenant yes] [--instances 1] [--fixtures dir]
 * BENCH_CHILD_NODE_ARGS adds node flags to the measured daemons (e.g. '--cpu-prof'); BENCH_SCALE_WORKERS=no runs them
 * without sync workers (ingest alone; the stages wait in Redis).
 * Targets (issue 16 point 6): p99 frame → job ≤ 20 ms and RSS ≤ 300 MB for 50 PBXs on one instance.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { amiFixturesDir } from '../harness/ami/fixture-dir.js';
import { benchArgs } from '../harness/bench-args.js';
import { daemonNodeFlags } from '../harness/daemon-node-flags.js';
import { freePort, startPrivateRedis } from '../harness/redis/private-redis.js';
import { LOAD_SECRET, LOAD_USER } from './load-server.js';
import { startInstance, type Instance } from './scale-instance.js';
import { startScaleLoad, type ScaleLoadServer } from './scale-load.js';
import { formatGrowth, formatRun, formatVerdicts, type ScaleRun } from './scale-report.js';

const values = benchArgs(import.meta.url, {
  pbxs: { type: 'string', default: '50' },
  'per-tenant': { type: 'string', default: '5' },
  calls: { type: 'string', default: '20' },
  rate: { type: 'string', default: '45' },
  seconds: { type: 'string', default: '90' },
  stagger: { type: 'string', default: '10' },
  steps: { type: 'string', default: '1,10,25' },
  'single-tenant': { type: 'string', default: 'yes' },
  instances: { type: 'string', default: '1' },
  fixtures: { type: 'string', default: amiFixturesDir() },
});

function positive(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) { process.stderr.write(`--${name} must be a positive integer, not ${raw}\n`); process.exit(2); }
  return n;
}

const PBXS = positive('pbxs', values.pbxs);
const PER_TENANT = positive('per-tenant', values['per-tenant']);
const CALLS = positive('calls', values.calls);
const RATE = positive('rate', values.rate);
const SECONDS = positive('seconds', values.seconds);
const INSTANCES = positive('instances', values.instances);
const STAGGER_SECONDS = Number(values.stagger);
if (!Number.isFinite(STAGGER_SECONDS) || STAGGER_SECONDS < 0) { process.stderr.write(`--stagger must be seconds ≥ 0, not ${values.stagger}\n`); process.exit(2); }
const STEPS = values.steps === '' ? [] : values.steps.split(',').map((s) => positive('steps', s.trim())).filter((n) => n < PBXS);
const TRANSCRIPTS = readdirSync(values.fixtures).filter((f) => f.endsWith('.ami')).sort().map((f) => join(values.fixtures, f));
const API_TOKEN = 'scale-bench-admin-token-0123456789';
const TRUNK_CONTEXTS = ['^from-trunk$', '^from-pstn$', '-incoming$'];

/**
 * Waits until every PBX's lease is held and each instance holds ⌊P/N⌋ or ⌈P/N⌉, the same at two looks in a row (read
 * from the first instance's /ready): 18 / 16 / 16 is not settled, the balancer would move one after the load starts.
 */
async function spread(instances: readonly Instance[], ids: readonly string[], pbxs: number, timeoutMs: number): Promise<void> {
  const low = Math.floor(pbxs / ids.length);
  const high = Math.ceil(pbxs / ids.length);
  const deadline = Date.now() + timeoutMs;
  let settled = '';
  for (;;) {
    const held = new Map<string | null, number>();
    const holders: string[] = [];
    for (const p of await instances[0]?.readyPbxs() ?? []) {
      held.set(p.leaseHolder, (held.get(p.leaseHolder) ?? 0) + 1);
      holders.push(`${p.leaseHolder}`);
    }
    const even = ids.every((id) => (held.get(id) ?? 0) >= low && (held.get(id) ?? 0) <= high);
    const now = holders.join(',');
    if (even && [...held.values()].reduce((a, b) => a + b, 0) === pbxs && !held.has(null)) {
      if (now === settled) return;
      settled = now;
    } else settled = '';
    if (Date.now() > deadline) throw new Error(`leases not spread after ${timeoutMs} ms: ${JSON.stringify([...held])}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

interface Layout { readonly pbxs: number; readonly perTenant: number; readonly instances: number }

function deploymentFile(layout: Layout, amiPort: number): { content: unknown; tenants: number } {
  const tenants: Array<{ id: string; apiTokens: string[]; crm: { adapter: string }; pbxs: unknown[] }> = [];
  for (let k = 0; k < layout.pbxs; k += 1) {
    const t = Math.floor(k / layout.perTenant);
    if (!tenants[t]) {
      const token = createHash('sha256').update(`scale-tenant-${t}-token-0123456789`).digest('hex');
      tenants[t] = { id: `tenant${t + 1}`, apiTokens: [`sha256:${token}`], crm: { adapter: 'local' }, pbxs: [] };
    }
    tenants[t].pbxs.push({
      id: `pbx${k + 1}`, host: '127.0.0.1', port: amiPort, username: LOAD_USER, secret: 'env:BENCH_AMI_SECRET',
      trunkContextPatterns: TRUNK_CONTEXTS, country: 'RU',
    });
  }
  return { content: { tenants }, tenants: tenants.length };
}

function label(layout: Layout, tenants: number): string {
  const shape = tenants === 1 ? `1 tenant × ${layout.pbxs}` : `${tenants} tenants × ${layout.perTenant}`;
  return `${layout.pbxs} PBX${layout.pbxs === 1 ? '' : 's'} (${shape}), ${layout.instances} instance${layout.instances === 1 ? '' : 's'}`;
}

async function measure(layout: Layout, load: ScaleLoadServer, redisUrl: string, dir: string, run: number): Promise<ScaleRun> {
  const { content, tenants } = deploymentFile(layout, load.ready.port);
  const file = join(dir, `deployment-${run}.json`);
  writeFileSync(file, JSON.stringify(content, null, 2));
  const prefix = `scale${run}`;
  const instances: Instance[] = [];
  try {
    const envs = await Promise.all(Array.from({ length: layout.instances }, async (_, i) => ({
      DEPLOYMENT_FILE: file, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, API_TOKEN, HTTP_HOST: '127.0.0.1', HTTP_PORT: String(await freePort()),
      LOG_LEVEL: 'warn', BENCH_AMI_SECRET: LOAD_SECRET, INSTANCE_ID: `scale-${run}-${i + 1}`,
    })));
    instances.push(...(await Promise.all(envs.map((env) => startInstance(env)))));
    // several instances: the load starts once the leases are spread (the load server replays no frame twice, so a
    // PBX handed over while it streams would lose frames), each instance with ⌊P/N⌋ or ⌈P/N⌉
    if (layout.instances > 1) await spread(instances, envs.map((e) => e.INSTANCE_ID), layout.pbxs, 60_000);
    await load.logins(layout.pbxs, 60_000);
    for (const i of instances) i.go();
    const done = await load.go();
    const results = await Promise.all(instances.map((i) => i.finish(load.ready.framesPerPbx)));
    const leases = new Map<string | null, number>();
    for (const p of await instances[0]?.readyPbxs() ?? []) leases.set(p.leaseHolder, (leases.get(p.leaseHolder) ?? 0) + 1);
    return { label: label(layout, tenants), pbxs: layout.pbxs, tenants, instances: results, leases, load: done, loadAverage: loadavg()[0] ?? 0 };
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
    await load.logins(0, 30_000); // the next run counts its own logins
  }
}

async function main(): Promise<void> {
  if (TRANSCRIPTS.length === 0) throw new Error(`no .ami transcripts in ${values.fixtures}`);
  const redis = await startPrivateRedis();
  const dir = mkdtempSync(join(tmpdir(), 'pcb-scale-'));
  const load = await startScaleLoad({ callsPerPbx: CALLS, framesPerPbx: RATE * SECONDS, eventsPerSec: RATE, staggerMs: STAGGER_SECONDS * 1000, transcripts: TRANSCRIPTS });
  try {
    const r = load.ready;
    console.log(`bench/scale: ${CALLS} calls open at once per PBX (peak ${r.peakOpenCalls}), ${r.callsPerPbx} calls and ${r.framesPerPbx} frames per PBX `
      + `from ${TRANSCRIPTS.length} transcripts, ${RATE} events/s per PBX for ${SECONDS} s, `
      + `${STAGGER_SECONDS > 0 ? `PBXs starting spread over ${STAGGER_SECONDS} s` : 'PBXs in lockstep (--stagger 0)'}; local CRM with its sync workers in the daemon; `
      + `daemon node flags ${daemonNodeFlags().join(' ')}; node ${process.version}`);
    const runs: ScaleRun[] = [];
    let n = 0;
    const run = async (layout: Layout): Promise<ScaleRun> => {
      const result = await measure(layout, load, redis.url, dir, (n += 1));
      console.log(formatRun(result));
      runs.push(result);
      return result;
    };
    const main = await run({ pbxs: PBXS, perTenant: PER_TENANT, instances: INSTANCES });
    const growth = INSTANCES === 1 ? [main] : [];
    for (const pbxs of STEPS) growth.push(await run({ pbxs, perTenant: PER_TENANT, instances: 1 }));
    if (values['single-tenant'] === 'yes' && PER_TENANT < PBXS) await run({ pbxs: PBXS, perTenant: PBXS, instances: 1 });
    const table = formatGrowth(growth);
    if (table) console.log(table);
    console.log(formatVerdicts(main));
    if (!runs.every((x) => x.instances.every((i) => i.allArrived && i.allStored && i.droppedFromBuffer === 0))) process.exitCode = 1;
  } finally {
    await load.stop();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
