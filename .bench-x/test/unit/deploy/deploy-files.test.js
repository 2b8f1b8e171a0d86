import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../../src/config/load-config.js';
import { STOP_DEADLINE_MS } from '../../../src/daemon/stop-deadline.js';
import { parseSystemdUnit, systemdSeconds } from '../../support/systemd-unit.js';
// No Docker engine here: these files are checked by parsing them (the `yaml` package comes with @fastify/swagger).
const read = (path) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const DEADLINE_S = STOP_DEADLINE_MS / 1000;
function compose() { return parseYaml(read('deploy/compose.yaml')); }
function service(name) {
    const s = compose().services[name];
    if (!s)
        throw new Error(`compose.yaml has no service ${name}`);
    return s;
}
/** The settings a user fills in after copying .env.example to .env. */
function userEnv() {
    return { ...parseDotenv(read('.env.example')), AMI_HOST: 'pbx.example.net', AMI_USERNAME: 'crm', AMI_SECRET: 'ami-secret', API_TOKEN: 'a'.repeat(32) };
}
describe('deploy/compose.yaml', () => {
    it('runs Redis with appendonly yes and noeviction on a named volume, with a healthcheck', () => {
        const redis = service('redis');
        expect(redis.command?.join(' ')).toMatch(/--appendonly yes/);
        expect(redis.command?.join(' ')).toMatch(/--maxmemory-policy noeviction/);
        const [volume] = redis.volumes ?? [];
        expect(volume).toMatch(/^[a-z-]+:\/data$/);
        expect(Object.keys(compose().volumes)).toContain(volume?.split(':')[0]);
        expect(redis.healthcheck?.test.join(' ')).toMatch(/redis-cli ping/);
    });
    it('builds the daemon from the repository Dockerfile, waits for a healthy Redis and has a healthcheck', () => {
        const daemon = service('daemon');
        expect(daemon.build).toEqual({ context: '..', dockerfile: 'Dockerfile' });
        expect(read('Dockerfile')).toMatch(/^FROM /m);
        expect(daemon.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
        expect(daemon.healthcheck?.test.join(' ')).toMatch(/127\.0\.0\.1:8080\/health/);
        expect(daemon.environment?.['HTTP_PORT']).toBe('8080');
    });
    it('listens on 0.0.0.0 inside the container and publishes on 127.0.0.1 unless told otherwise', () => {
        const daemon = service('daemon');
        expect(daemon.environment).toMatchObject({ HTTP_HOST: '0.0.0.0', AGI_HOST: '0.0.0.0', REDIS_URL: 'redis://redis:6379' });
        expect(daemon.ports?.length).toBeGreaterThan(0);
        for (const port of daemon.ports ?? [])
            expect(port).toMatch(/^(127\.0\.0\.1|\$\{[A-Z_]+:-127\.0\.0\.1\}):/);
    });
    it('needs nothing but .env: every interpolated variable has a default, and .env.example filled in loads', () => {
        const text = read('deploy/compose.yaml').split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n');
        const refs = [...text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1] ?? '');
        expect(refs.length).toBeGreaterThan(0);
        for (const ref of refs)
            expect(ref, ref).toMatch(/^[A-Z_]+:-[^}]+$/);
        expect(service('daemon').env_file).toEqual(['../.env']); // the .env at the repository root, as for npm start
        const config = loadConfig({ ...userEnv(), ...service('daemon').environment });
        expect(config.http.host).toBe('0.0.0.0');
        expect(config.redis.url).toBe('redis://redis:6379');
    });
    it('gives the daemon longer than its stop deadline before SIGKILL, and drops privileges', () => {
        const daemon = service('daemon');
        expect(systemdSeconds(daemon.stop_grace_period ?? '10s')).toBeGreaterThan(DEADLINE_S);
        expect(daemon.read_only).toBe(true);
        expect(daemon.security_opt).toContain('no-new-privileges:true');
    });
});
describe('deploy/pbx-crm-bridge.service', () => {
    const unit = () => parseSystemdUnit(read('deploy/pbx-crm-bridge.service'));
    const one = (key) => unit().get('Service', key).at(-1);
    it('restarts on failure but not after a configuration error (exit code 2)', () => {
        expect(one('Restart')).toBe('on-failure');
        expect(one('RestartPreventExitStatus')?.split(/\s+/)).toContain('2');
        expect(read('src/main.ts')).toMatch(/ConfigError[\s\S]*process\.exit\(2\)/);
    });
    it('waits longer than the daemon stop deadline before SIGKILL', () => {
        expect(systemdSeconds(one('TimeoutStopSec') ?? '0')).toBeGreaterThan(DEADLINE_S);
        expect(one('KillSignal') ?? 'SIGTERM').toBe('SIGTERM');
    });
    it('runs as a dedicated user with the sandboxing options', () => {
        expect(one('User')).toMatch(/^[a-z][a-z0-9-]+$/);
        expect(one('User')).not.toBe('root');
        for (const [key, value] of [['NoNewPrivileges', 'yes'], ['ProtectSystem', 'strict'], ['ProtectHome', 'yes'], ['PrivateTmp', 'yes'],
            ['PrivateDevices', 'yes'], ['RestrictSUIDSGID', 'yes'], ['CapabilityBoundingSet', '']])
            expect(one(key), key).toBe(value);
        expect(one('MemoryDenyWriteExecute')).not.toBe('yes'); // would break V8's JIT
    });
    it('takes the heap limit from NODE_MAX_OLD_SPACE_MB (default 256, the env file may override it)', () => {
        expect(unit().get('Service', 'Environment')).toContain('NODE_MAX_OLD_SPACE_MB=256');
        expect(one('EnvironmentFile')).toMatch(/^\//);
        expect(one('ExecStart')).toMatch(/--v8-pool-size=\$\{NODE_V8_POOL_SIZE\} --max-semi-space-size=\$\{NODE_MAX_SEMI_SPACE_MB\} --max-old-space-size=\$\{NODE_MAX_OLD_SPACE_MB\} \S+\/dist\/main\.js$/);
        expect(unit().get('Service', 'Environment')).toContain('NODE_MAX_SEMI_SPACE_MB=8');
        expect(unit().get('Service', 'Environment')).toContain('NODE_V8_POOL_SIZE=1');
        expect(unit().get('Install', 'WantedBy')).toEqual(['multi-user.target']);
    });
    it('passes systemd-analyze verify when systemd is installed', () => {
        const r = spawnSync('systemd-analyze', ['verify', 'deploy/pbx-crm-bridge.service'], { encoding: 'utf8' });
        if (r.error)
            return; // no systemd on this machine: the checks above still ran
        expect(`${r.stdout}${r.stderr}`.split('\n').filter((l) => l.includes('pbx-crm-bridge.service'))).toEqual([]);
    });
});
describe('Dockerfile and .dockerignore', () => {
    const dockerfile = () => read('Dockerfile');
    it('needs only its base image and the npm registry', () => {
        expect(dockerfile()).not.toMatch(/^#\s*syntax=/m);
        expect([...dockerfile().matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1])).toEqual(['node:24-slim', 'node:24-slim']);
        expect(dockerfile()).not.toMatch(/\b(curl|wget|ADD\s+https?:)/);
    });
    it('carries OCI labels, runs unprivileged, with a healthcheck', () => {
        for (const key of ['title', 'description', 'version', 'revision', 'licenses'])
            expect(dockerfile()).toContain(`org.opencontainers.image.${key}=`);
        const version = /^ARG VERSION=(\S+)$/m.exec(dockerfile())?.[1];
        expect(version).toBe(JSON.parse(read('package.json')).version);
        expect(dockerfile()).toMatch(/^USER node$/m);
        expect(dockerfile()).toMatch(/^HEALTHCHECK .*\n.*\/health/m);
    });
    it('documents AGI_HOST for containers and sets it, with HTTP_HOST, to 0.0.0.0', () => {
        expect(dockerfile()).toMatch(/^ENV .*\bHTTP_HOST=0\.0\.0\.0\b.*\bAGI_HOST=0\.0\.0\.0\b/m);
        expect(dockerfile()).toMatch(/^#\s+AGI_HOST=0\.0\.0\.0 .*FastAGI/m);
    });
    it('documents a --stop-timeout above the daemon stop deadline (Docker grants 10 s by default)', () => {
        expect(DEADLINE_S).toBeGreaterThan(10);
        const timeouts = [...dockerfile().matchAll(/--stop-timeout (\d+)/g)].map((m) => Number(m[1]));
        expect(timeouts.length).toBeGreaterThan(0);
        for (const t of timeouts)
            expect(t).toBeGreaterThan(DEADLINE_S);
        expect(read('README.md')).toMatch(/--stop-timeout 30/);
    });
    it('starts node (as PID 1, through exec) with the heap size from NODE_MAX_OLD_SPACE_MB, 256 by default', () => {
        const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile())?.[1] ?? '[]');
        expect(cmd.slice(0, 2)).toEqual(['sh', '-c']);
        const dir = mkdtempSync(join(tmpdir(), 'pcb-cmd-'));
        onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
        writeFileSync(join(dir, 'node'), '#!/bin/sh\necho "$@"\n');
        chmodSync(join(dir, 'node'), 0o755);
        const run = (env) => spawnSync('sh', ['-c', cmd[2] ?? ''], { env: { PATH: `${dir}:/usr/bin:/bin`, ...env }, encoding: 'utf8' }).stdout.trim();
        expect(run({})).toBe('--v8-pool-size=1 --max-semi-space-size=8 --max-old-space-size=256 dist/main.js');
        expect(run({ NODE_MAX_OLD_SPACE_MB: '1024' })).toBe('--v8-pool-size=1 --max-semi-space-size=8 --max-old-space-size=1024 dist/main.js');
        expect(run({ NODE_MAX_SEMI_SPACE_MB: '32' })).toBe('--v8-pool-size=1 --max-semi-space-size=32 --max-old-space-size=256 dist/main.js');
        expect(run({ NODE_V8_POOL_SIZE: '0' })).toBe('--v8-pool-size=0 --max-semi-space-size=8 --max-old-space-size=256 dist/main.js');
        expect(cmd[2]).toMatch(/^exec node /);
    });
    it('keeps secrets and bulk out of the build context', () => {
        const ignored = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
        for (const entry of ['.env', '.git', 'node_modules', 'dist', 'test'])
            expect(ignored).toContain(entry);
        for (const needed of ['src', 'config', 'package.json', 'package-lock.json', 'tsconfig.json'])
            expect(ignored).not.toContain(needed);
    });
});
