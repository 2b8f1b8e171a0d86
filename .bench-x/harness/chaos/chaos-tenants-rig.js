/**
 * Many PBXs of many tenants shared by several real daemon processes on one DEPLOYMENT_FILE (one LeaseBalancer each):
 * an AMI replay server per PBX (its own chaos schedule, call ids `<pbxId>~<Linkedid>`), a signed-webhook receiver per
 * tenant, and the daemons' GET /ready read from outside (which instance holds which PBX's lease).
 *
 * Dark windows (a PBX's replay positions that no daemon read) are taken from the replay server itself: nobody logged
 * in, widened by DARK_LEAD_MS before the last reader left (a reader that gives a lease up stops its ingest a moment
 * before it logs off). The tally allows for them as chaos-webhook.ts does (chaos-webhook-tally.ts).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAmiReplayServer } from '../ami/ami-replay-server.js';
import { startWebhookReceiver } from '../crm/webhook-receiver.js';
import { freePort } from '../redis/private-redis.js';
import { spawnDaemon } from './chaos-daemon.js';
import { journalCheck } from './chaos-tenants-journal.js';
import { buildChaosSchedule } from './chaos-schedule.js';
import { CHAOS_TRACKER } from './chaos-rig.js';
import { begunUnseen, countWebhookDeliveries, handoverUnseen, neverRegistered } from './chaos-webhook-tally.js';
const AMI_USER = 'chaos';
const AMI_SECRET = 'chaos-tenants-ami-secret-77';
const ADMIN_TOKEN = 'chaos-tenants-admin-token-0123456789';
const TENANT_IDS = ['acme', 'globex', 'initech', 'umbrella', 'hooli'];
const DARK_LEAD_MS = 500;
const SAMPLE_MS = 20;
const sha256 = (token) => `sha256:${createHash('sha256').update(token).digest('hex')}`;
export const pbxKey = (tenant, id) => `${tenant}/${id}`;
export class TenantsRig {
    opts;
    tenants = [];
    pbxs = [];
    instances = [];
    dir = mkdtempSync(join(tmpdir(), 'pcb-chaos-tenants-'));
    file = join(this.dir, 'deployment.json');
    sampler = null;
    constructor(opts) {
        this.opts = opts;
    }
    static async start(opts) {
        const rig = new TenantsRig(opts);
        try {
            await rig.build();
        }
        catch (err) {
            await rig.close();
            throw err;
        }
        return rig;
    }
    /** Instances not killed or told to stop. */
    get live() { return this.instances.filter((i) => i.proc.alive && !i.retired); }
    /** Sends the signal and counts the instance no longer as live. */
    stop(i, signal) {
        i.retired = true;
        i.proc.signal(signal);
    }
    async build() {
        const o = this.opts;
        if (o.tenants > TENANT_IDS.length)
            throw new Error(`at most ${TENANT_IDS.length} tenants`);
        for (let t = 0; t < o.tenants; t += 1) {
            const id = TENANT_IDS[t] ?? `t${t}`;
            const pbxs = [];
            for (let p = 0; p < o.pbxsPerTenant; p += 1) {
                const pbxId = `${id.slice(0, 3)}${p + 1}`;
                const k = t * o.pbxsPerTenant + p;
                // each PBX plays the transcripts in another order, so its calls differ from its neighbours' at any moment
                const only = o.transcripts.map((_, i) => o.transcripts[(i + k) % o.transcripts.length] ?? '');
                const schedule = await buildChaosSchedule({
                    transcriptDir: o.transcriptDir, only, calls: o.callsPerPbx, everySec: o.everySec, tracker: { ...CHAOS_TRACKER, callIdPrefix: `${pbxId}~` },
                });
                pbxs.push({ tenant: id, id: pbxId, port: await freePort(), schedule, replay: null, dark: [], overlaps: 0 });
            }
            const receiver = await startWebhookReceiver({ secret: `${id}-webhook-signing-secret-0123456789` });
            this.tenants.push({ id, token: `${id}-api-token-0123456789abcdef`, receiver, pbxs });
            this.pbxs.push(...pbxs);
        }
        writeFileSync(this.file, JSON.stringify({
            tenants: this.tenants.map((t) => ({
                id: t.id, apiTokens: [sha256(t.token)],
                crm: { adapter: 'webhook', url: t.receiver.url, secret: `env:WEBHOOK_SECRET_${t.id.toUpperCase()}` },
                pbxs: t.pbxs.map((p) => ({
                    id: p.id, host: '127.0.0.1', port: p.port, username: AMI_USER, secret: 'env:CHAOS_AMI_SECRET', country: 'RU',
                    trunkContextPatterns: CHAOS_TRACKER.trunkContextPatterns,
                    settings: { AMI_ACTION_TIMEOUT_MS: 2000, AMI_RECONNECT_MIN_MS: 50, AMI_RECONNECT_MAX_MS: 400 },
                })),
            })),
        }, null, 2));
    }
    /** Starts a daemon process with this INSTANCE_ID on the deployment file. */
    async spawn(id) {
        const env = {
            DEPLOYMENT_FILE: this.file, INSTANCE_ID: id, REDIS_URL: this.opts.redisUrl, REDIS_PREFIX: this.opts.prefix, API_TOKEN: ADMIN_TOKEN,
            HTTP_HOST: '127.0.0.1', LOG_LEVEL: 'info', CHAOS_AMI_SECRET: AMI_SECRET, ...this.opts.daemonEnv,
        };
        for (const t of this.tenants)
            env[`WEBHOOK_SECRET_${t.id.toUpperCase()}`] = `${t.id}-webhook-signing-secret-0123456789`;
        const proc = spawnDaemon({ env, httpPort: await freePort(), ...(this.opts.logFile ? { logFile: this.opts.logFile } : {}) });
        const instance = { id, proc, retired: false };
        this.instances.push(instance);
        return instance;
    }
    /** Starts every PBX's replay server (its replay begins at the first login) and the dark-window sampler. */
    async startPbxs() {
        await Promise.all(this.pbxs.map(async (p) => {
            p.replay = await startAmiReplayServer({
                port: p.port, username: AMI_USER, secret: AMI_SECRET, transcripts: [p.schedule.source], speed: this.opts.speed, loop: false,
            });
        }));
        this.sampler = setInterval(() => this.sample(), SAMPLE_MS);
    }
    history = new Map();
    sample() {
        const keep = Math.ceil(DARK_LEAD_MS / SAMPLE_MS);
        for (const p of this.pbxs) {
            if (!p.replay)
                continue;
            const h = this.history.get(p) ?? { positions: [], inside: 0, open: false, seen: false };
            this.history.set(p, h);
            const position = p.replay.position;
            h.positions.push(position);
            if (h.positions.length > keep)
                h.positions.shift();
            const inside = p.replay.loggedInCount;
            if (inside > 1 && h.inside <= 1)
                p.overlaps += 1;
            h.seen ||= inside > 0; // before the first login nothing is played
            if (inside === 0 && h.seen && !h.open) {
                p.dark.push([h.positions[0] ?? position, Number.MAX_SAFE_INTEGER]);
                h.open = true;
            }
            if (inside > 0 && h.open) {
                const last = p.dark.at(-1);
                if (last)
                    last[1] = position;
                h.open = false;
            }
            h.inside = inside;
        }
    }
    /** Resolves when every PBX's replay has played its last frame. */
    async replaysFinished() {
        await Promise.all(this.pbxs.map((p) => p.replay?.finished));
    }
    /** Replay position of a PBX (frames played). */
    position(p) { return p.replay?.position ?? 0; }
    async ready(i) {
        const res = await i.proc.get('/ready');
        if (!res)
            return null;
        try {
            return JSON.parse(res.body).pbx ?? null;
        }
        catch {
            return null;
        }
    }
    async spread() {
        const live = this.live;
        const reports = await Promise.all(live.map(async (i) => ({ i, pbx: await this.ready(i) })));
        const holders = new Map(this.pbxs.map((p) => [pbxKey(p.tenant, p.id), null]));
        const claims = new Map();
        const counts = new Map(live.map((i) => [i.id, 0]));
        let reading = true;
        for (const { i, pbx } of reports) {
            if (!pbx) {
                reading = false;
                continue;
            }
            for (const p of pbx) {
                if (!p.thisInstance)
                    continue;
                const key = pbxKey(p.tenant, p.id);
                holders.set(key, i.id);
                claims.set(key, (claims.get(key) ?? 0) + 1);
                counts.set(i.id, (counts.get(i.id) ?? 0) + 1);
                const rig = this.pbxs.find((x) => pbxKey(x.tenant, x.id) === key);
                if (p.state !== 'connected' || (rig?.replay && rig.replay.loggedInCount !== 1))
                    reading = false;
            }
        }
        const allHeld = reports.every((r) => r.pbx !== null) && [...holders.keys()].every((k) => claims.get(k) === 1);
        return { holders, counts, allHeld, allReading: allHeld && reading };
    }
    /** The webhook deliveries and the journals against the schedules, with the dark-window allowances. */
    async tally() {
        const parts = this.tenants.map((t) => this.tenantTally(t));
        const live = this.live[0];
        if (!live)
            throw new Error('no live instance to read the journals from');
        const journal = await Promise.all(this.tenants.map((t, k) => journalCheck(live.proc.httpPort, t, new Set(parts[k]?.invisibleIds))));
        const sum = (pick) => parts.reduce((n, x) => n + pick(x), 0);
        const all = (pick) => parts.flatMap(pick);
        return {
            sent: sum((x) => x.sent), expected: sum((x) => x.expected), delivered: sum((x) => x.delivered), lost: sum((x) => x.lost),
            duplicated: sum((x) => x.duplicated), wrongOutcome: sum((x) => x.wrongOutcome), unobserved: sum((x) => x.unobserved), extra: sum((x) => x.extra),
            redelivered: sum((x) => x.redelivered), recordingsUnseen: sum((x) => x.recordingsUnseen), handoversUnseen: sum((x) => x.handoversUnseen),
            invisible: sum((x) => x.invisible), lostIds: all((x) => x.lostIds), missing: all((x) => x.missing), duplicatedIds: all((x) => x.duplicatedIds),
            wrong: all((x) => x.wrong), invisibleIds: all((x) => x.invisibleIds),
            wrongPartlyUnseen: all((x) => x.wrongPartlyUnseen), wrongSeenWhole: all((x) => x.wrongSeenWhole),
            journalMissing: journal.flatMap((j) => j.missing), journalDoubled: journal.flatMap((j) => j.doubled), journalExtra: journal.flatMap((j) => j.extra),
        };
    }
    /** True once every expected call is delivered, or lost only as `invisible`. */
    settled() {
        return this.tenants.every((t) => { const x = this.tenantTally(t); return x.lost === 0; });
    }
    tenantTally(t) {
        const first = t.pbxs[0]?.schedule;
        if (!first)
            throw new Error(`tenant ${t.id} has no PBX`);
        const expected = new Map(t.pbxs.flatMap((p) => [...p.schedule.expected]));
        const merged = { ...first, expected, callsSent: t.pbxs.reduce((n, p) => n + p.schedule.callsSent, 0) };
        const deliveries = t.receiver.deliveries;
        const begun = new Set(t.pbxs.flatMap((p) => [...begunUnseen(p.schedule, p.dark)]));
        const handover = new Set(t.pbxs.flatMap((p) => [...handoverUnseen(p.schedule, p.dark)]));
        const x = countWebhookDeliveries(merged, deliveries, begun, handover);
        const wrongIds = [...new Set(x.wrong.map((w) => w.split(' ')[0] ?? ''))];
        const partly = (id) => t.pbxs.some((p) => {
            const w = p.schedule.windows.get(id);
            return w !== undefined && p.dark.some(([a, b]) => a <= w.lastFrame && b > w.firstFrame);
        });
        const invisibleIds = x.lostIds.filter((id) => t.pbxs.some((p) => p.schedule.expected.has(id) && neverRegistered(p.schedule, p.dark, deliveries, id)));
        return {
            ...x, lost: x.lost - invisibleIds.length, lostIds: x.lostIds.filter((id) => !invisibleIds.includes(id)),
            missing: x.missing.filter((m) => !invisibleIds.some((id) => m.startsWith(`${id} `))),
            invisible: invisibleIds.length, invisibleIds, journalMissing: [], journalDoubled: [], journalExtra: [],
            wrongPartlyUnseen: wrongIds.filter(partly), wrongSeenWhole: wrongIds.filter((id) => !partly(id)),
        };
    }
    async close() {
        if (this.sampler)
            clearInterval(this.sampler);
        for (const i of this.instances)
            i.proc.signal('SIGKILL');
        await Promise.all(this.instances.map((i) => i.proc.exited));
        await Promise.all([...this.pbxs.map((p) => p.replay?.close()), ...this.tenants.map((t) => t.receiver.close())]);
        rmSync(this.dir, { recursive: true, force: true });
    }
}
