/**
 * `npm run console:screenshots`: draws the operator console's screenshots for the README (docs/screenshots/*.png) in
 * Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium): a ringing card with the client from the CRM, the
 * journal, a supervisor's board of current calls and the reports page (the last 7 days). The daemon runs on a private Redis against a TCP AMI server that
 * first plays real recordings (the journal), then copies of one recorded call ringing the operators.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchCall, loadCallTemplate } from '../harness/console/console-frames.js';
import { launchBenchChromium } from '../harness/console/console-pages.js';
import { hashPassword } from '../src/console/console-users.js';
import { loadConfig } from '../src/config/load-config.js';
import { LocalCrmAdapter } from '../src/crm/local/local-crm-adapter.js';
import { startDaemon } from '../src/daemon/start-daemon.js';
import { startAmiReplayServer } from '../harness/ami/ami-replay-server.js';
import { amiFixturesDir } from '../harness/ami/fixture-dir.js';
import { freePort, startPrivateRedis } from '../harness/redis/private-redis.js';
import { silentLogger } from '../src/log.js';
const OUT = 'docs/screenshots';
const PASSWORD = 'screenshot-password';
const USERS = [
    ['201', 'Anna Smirnova', 'operator'], ['202', 'Boris Ivanov', 'operator'], ['203', 'Vera Petrova', 'operator'], ['chief', 'Sofia Lebedeva', 'supervisor'],
];
async function until(what, check) {
    for (const deadline = Date.now() + 20_000; !(await check());) {
        if (Date.now() > deadline)
            throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
    }
}
async function signIn(page, base, extension) {
    await page.goto(`${base}/console`);
    await page.fill('#login-ext', extension);
    await page.fill('#login-pw', PASSWORD);
    await page.click('#login button[type=submit]');
    await page.locator('#status:not(.down)').waitFor();
}
async function main() {
    mkdirSync(OUT, { recursive: true });
    const hash = await hashPassword(PASSWORD);
    const usersFile = join(mkdtempSync(join(tmpdir(), 'pcb-shots-')), 'users.json');
    writeFileSync(usersFile, JSON.stringify({ users: USERS.map(([extension, name, role]) => ({ extension, name, role, passwordHash: hash })) }));
    const redis = await startPrivateRedis();
    const [amiPort, httpPort] = [await freePort(), await freePort()];
    const fixtures = ['inbound-missed', 'inbound-answered', 'queue-answered', 'outbound-answered'].map((n) => `${amiFixturesDir()}pjsip/${n}.ami`);
    const config = loadConfig({
        AMI_HOST: '127.0.0.1', AMI_PORT: String(amiPort), AMI_USERNAME: 'shots', AMI_SECRET: 'shots-ami-secret', REDIS_URL: redis.url,
        API_TOKEN: 'screenshots-api-token-0123456789', HTTP_HOST: '127.0.0.1', HTTP_PORT: String(httpPort), LOG_LEVEL: 'silent',
        TRUNK_CONTEXT_PATTERNS: '-incoming$', CONSOLE_USERS_FILE: usersFile, RECORDINGS_DIR: tmpdir(), RECORDINGS_PATH_MAP: `/var/spool/asterisk/monitor=${tmpdir()}`,
    });
    const daemon = await startDaemon(config, silentLogger());
    const pbx = await startAmiReplayServer({ username: 'shots', secret: 'shots-ami-secret', port: amiPort, transcripts: fixtures });
    const browser = await launchBenchChromium();
    try {
        await until('the recordings in the journal', async () => (await daemon.crm.journal.list({ limit: 10 })).items.length >= fixtures.length);
        if (daemon.crm.crm instanceof LocalCrmAdapter) {
            await daemon.crm.crm.createEntity({ kind: 'contact', phone: '+74957391122', title: 'Ivan Kuznetsov (Stroymontazh LLC)', responsibleExtension: '202', contact: null, source: 'inbound' });
        }
        const base = `http://127.0.0.1:${httpPort}`;
        const context = await browser.newContext({ viewport: { width: 1000, height: 640 }, locale: 'en-US' });
        const [anna, chief] = [await context.newPage(), await (await browser.newContext({ viewport: { width: 1100, height: 520 }, locale: 'en-US' })).newPage()];
        await signIn(anna, base, '201');
        await signIn(chief, base, 'chief');
        const template = await loadCallTemplate();
        const ringing = benchCall(template, 1, '201', '74957391122');
        const talking = [benchCall(template, 2, '202', '79161234455'), benchCall(template, 3, '203', '78123056677')];
        for (const c of talking)
            pbx.injectRaw(c.ring + c.answer);
        pbx.injectRaw(ringing.ring);
        await anna.locator('.card .card-name', { hasText: 'Ivan Kuznetsov' }).waitFor();
        await anna.screenshot({ path: `${OUT}/card.png` });
        await chief.goto(`${base}/console#board`);
        await until('three calls on the board', async () => (await chief.locator('#board tbody tr').count()) === 3);
        await chief.screenshot({ path: `${OUT}/board.png` });
        for (const c of [ringing, ...talking])
            pbx.injectRaw(ringing === c ? c.rest : c.end);
        await until('every call in the journal', async () => (await daemon.crm.journal.list({ limit: 20 })).items.length >= fixtures.length + 3);
        await chief.setViewportSize({ width: 1100, height: 560 });
        await chief.goto(`${base}/console#journal`);
        await chief.locator('#journal tbody tr').first().waitFor();
        await chief.screenshot({ path: `${OUT}/journal.png` });
        await chief.setViewportSize({ width: 1100, height: 1000 });
        await chief.goto(`${base}/console#reports`);
        await chief.locator('#c-wait canvas').waitFor();
        await chief.locator('#reports-table tbody tr').first().waitFor();
        await chief.screenshot({ path: `${OUT}/reports.png`, fullPage: true });
        process.stdout.write(`screenshots written to ${OUT}/: card.png, board.png, journal.png, reports.png\n`);
    }
    finally {
        await browser.close();
        await pbx.close();
        await daemon.stop();
        await redis.stop();
    }
}
await main();
