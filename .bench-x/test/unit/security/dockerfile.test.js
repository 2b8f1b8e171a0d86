import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { daemonNodeFlags, expandShellWord } from '../../../harness/daemon-node-flags.js';
/** Dockerfile instructions with `\` continuations joined and comments dropped. */
function instructions(text) {
    const joined = text.replace(/\\\r?\n/g, ' ');
    return joined.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'))
        .map((l) => {
        const m = /^(\S+)\s*(.*)$/.exec(l);
        return { op: (m?.[1] ?? '').toUpperCase(), args: m?.[2] ?? '' };
    });
}
function stages(list) {
    const out = [];
    for (const ins of list) {
        if (ins.op === 'FROM') {
            const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(ins.args);
            out.push({ from: m?.[1] ?? '', name: m?.[2] ?? null, body: [] });
        }
        else {
            out[out.length - 1]?.body.push(ins);
        }
    }
    return out;
}
const DOCKERFILE = readFileSync(fileURLToPath(new URL('../../../Dockerfile', import.meta.url)), 'utf8');
const STAGES = stages(instructions(DOCKERFILE));
const FINAL = STAGES[STAGES.length - 1];
describe('Dockerfile', () => {
    it('is multi-stage and every stage is Node 24 slim', () => {
        expect(STAGES.length).toBeGreaterThanOrEqual(2);
        for (const s of STAGES)
            expect(s.from, `FROM ${s.from}`).toMatch(/^node:24(\.\d+){0,2}-(bookworm-|trixie-)?slim(@sha256:[0-9a-f]{64})?$/);
    });
    it('the final stage runs as a non-root user and never switches back to root', () => {
        const users = (FINAL?.body ?? []).filter((i) => i.op === 'USER').map((i) => i.args.split(':')[0]?.trim() ?? '');
        expect(users.length).toBeGreaterThan(0);
        const last = users[users.length - 1];
        expect(last).not.toMatch(/^(root|0)$/);
        expect(last).not.toBe('');
        const lastUserAt = (FINAL?.body ?? []).map((i) => i.op).lastIndexOf('USER');
        const after = (FINAL?.body ?? []).slice(lastUserAt + 1);
        expect(after.filter((i) => i.op === 'RUN'), 'no RUN after USER that could need root').toEqual([]);
    });
    it('the final stage has a HEALTHCHECK and a CMD in exec form, and copies only built output from the build stage', () => {
        const body = FINAL?.body ?? [];
        const health = body.find((i) => i.op === 'HEALTHCHECK');
        expect(health?.args).toMatch(/CMD\s+\S+/);
        expect(health?.args).not.toMatch(/^NONE/i);
        expect(body.find((i) => i.op === 'CMD')?.args).toMatch(/^\[.*\]$/);
        const copies = body.filter((i) => i.op === 'COPY').map((i) => i.args);
        expect(copies.some((a) => /--from=\S+/.test(a))).toBe(true);
        expect(copies.filter((a) => /(^|\s)\.\s+\.?\/?\s*$/.test(a)), 'no COPY . . in the runtime image').toEqual([]);
    });
    it('bakes no secret into the image (no ENV/ARG with a secret, token or password)', () => {
        const baked = STAGES.flatMap((s) => s.body).filter((i) => i.op === 'ENV' || i.op === 'ARG')
            .filter((i) => /(SECRET|TOKEN|PASSWORD|WEBHOOK_URL)\s*[= ]/i.test(i.args));
        expect(baked).toEqual([]);
    });
    it('runs the daemon with the node flags of `npm start`, which bench/ingest measures with (one V8 heap setting)', () => {
        const cmd = (FINAL?.body ?? []).filter((i) => i.op === 'CMD').at(-1)?.args ?? '';
        const exec = JSON.parse(cmd);
        expect(exec.slice(0, 2)).toEqual(['sh', '-c']); // a shell, to read NODE_MAX_OLD_SPACE_MB; `exec` keeps node PID 1
        for (const env of [{}, { NODE_MAX_OLD_SPACE_MB: '768' }]) {
            const argv = (exec[2] ?? '').replace(/^exec\s+/, '').split(/\s+/).map((w) => expandShellWord(w, env));
            expect(argv[0]).toBe('node');
            expect(argv.at(-1)).toBe('dist/main.js');
            const flags = daemonNodeFlags(env);
            expect(flags).toContain('--max-semi-space-size=8');
            expect(flags).toContain('--v8-pool-size=1');
            expect(flags).toContain(`--max-old-space-size=${'NODE_MAX_OLD_SPACE_MB' in env ? '768' : '256'}`);
            expect(argv.slice(1, -1)).toEqual(flags);
        }
    });
    it('the image sets NODE_ENV=production', () => {
        expect((FINAL?.body ?? []).some((i) => i.op === 'ENV' && /NODE_ENV=production/.test(i.args))).toBe(true);
    });
});
