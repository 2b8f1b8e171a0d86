import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { freePort } from '../../../harness/redis/private-redis.js';
import { waitFor } from '../../../harness/poll.js';
import { amiFixture, startTestAmiServer } from '../../support/ami-replay.js';
import { launchChromium, signedInPage } from '../../support/console-browser.js';
import { consoleUsersFile } from '../../support/console-users.js';
import { startTestDaemon, waitForJournal } from '../../support/test-daemon.js';
import { uniquePrefix } from '../../support/test-redis.js';
let browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser.close(); });
/** Real PJSIP recordings: 201 answers one call and misses one, queue 2200 rings 202 and 203, 203 answers. */
async function journaledDaemon() {
    const [port, amiPort] = [await freePort(), await freePort()];
    const daemon = await startTestDaemon({
        amiPort,
        env: { CONSOLE_USERS_FILE: await consoleUsersFile(), HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', REDIS_PREFIX: uniquePrefix(), TRUNK_CONTEXT_PATTERNS: '-incoming$', REPORT_TIME_ZONE: 'UTC' },
        options: { listen: true },
    });
    await waitFor(() => daemon.reader.isActive, { what: 'the AMI lease', timeoutMs: 8000 });
    await startTestAmiServer({ port: amiPort, transcripts: ['inbound-answered', 'inbound-missed', 'queue-answered'].map((f) => amiFixture(`pjsip/${f}.ami`)), speed: 0 });
    return { baseUrl: `http://127.0.0.1:${port}`, calls: await waitForJournal(daemon, 3) };
}
const day = (ms) => new Date(ms).toISOString().slice(0, 10);
/** Pixels of a chart's canvas drawn in about this colour (uPlot's bars), read back in the page (browser code as text: no DOM lib here). */
function pixelsOf(page, chartId, [r, g, b]) {
    return page.evaluate(`(() => {
    const canvas = document.querySelector('#${chartId} canvas');
    const ctx = canvas && canvas.getContext('2d');
    if (!ctx) return -1;
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - ${r}) < 40 && Math.abs(data[i + 1] - ${g}) < 40 && Math.abs(data[i + 2] - ${b}) < 40 && data[i + 3] > 0) n += 1;
    }
    return n;
  })()`);
}
describe('reports and the call page in Chromium', { timeout: 60_000 }, () => {
    it('draws the supervisor\'s charts from the report counters; operators get no Reports link and a 403', async () => {
        const { baseUrl, calls } = await journaledDaemon();
        const chief = await signedInPage(browser, baseUrl, 'chief');
        const anna = await signedInPage(browser, baseUrl, '201');
        onTestFinished(async () => { await chief.context.close(); await anna.context.close(); });
        const first = Math.min(...calls.map((c) => c.startedAtMs));
        await chief.page.getByRole('link', { name: 'Reports' }).click();
        await chief.page.fill('#r-from', day(first - 86_400_000));
        await chief.page.fill('#r-to', day(first + 86_400_000));
        await chief.page.getByRole('button', { name: 'Show' }).click();
        const rows = chief.page.locator('#reports-table tbody tr');
        await rows.filter({ hasText: 'Vera Petrova' }).waitFor();
        // answered and missed per operator as the journal has them (agent 201: one answered, one missed; 203: one answered)
        const byAgent = (ext) => calls.filter((c) => c.agent === ext);
        for (const [ext, name] of [['201', 'Anna Smirnova'], ['203', 'Vera Petrova']]) {
            const cells = await rows.filter({ hasText: name }).locator('td').allInnerTexts();
            expect(cells.slice(1, 3)).toEqual([byAgent(ext).filter((c) => c.disposition === 'answered').length, byAgent(ext).filter((c) => c.disposition !== 'answered').length].map(String));
        }
        expect(await chief.page.locator('.chart canvas').count()).toBe(3);
        expect(await pixelsOf(chief.page, 'c-hours', [0x1d, 0x4e, 0xd8])).toBeGreaterThan(50); // inbound bars
        expect(await pixelsOf(chief.page, 'c-ops', [0x04, 0x78, 0x57])).toBeGreaterThan(50); // answered bars
        expect(await pixelsOf(chief.page, 'c-ops', [0xb9, 0x1c, 0x1c])).toBeGreaterThan(50); // missed bars
        expect(await pixelsOf(chief.page, 'c-wait', [0xb4, 0x53, 0x09])).toBeGreaterThan(50); // mean time to answer
        expect(await anna.page.getByRole('link', { name: 'Reports' }).isVisible()).toBe(false);
        const refused = await anna.page.evaluate(`fetch('/console/api/reports?from=${day(first)}&to=${day(first + 86_400_000)}').then((r) => r.status)`);
        expect(refused).toBe(403);
    });
    it('opens a call\'s page from the journal with its trace; an operator cannot open a call they were not on', async () => {
        const { baseUrl, calls } = await journaledDaemon();
        const anna = await signedInPage(browser, baseUrl, '201');
        onTestFinished(() => anna.context.close());
        const answered = calls.find((c) => c.agent === '201' && c.disposition === 'answered');
        const queued = calls.find((c) => c.agent === '203');
        await anna.page.goto(`${baseUrl}/console#journal`);
        await anna.page.locator(`#journal tbody tr[data-call-id="${answered?.id ?? ''}"] a`).click();
        await anna.page.locator('#trace tbody tr', { hasText: 'DialBegin' }).first().waitFor();
        expect(await anna.page.locator('#call-facts').innerText()).toMatch(/Operator\s+Anna Smirnova/);
        expect(await anna.page.locator('#trace tbody tr').count()).toBeGreaterThan(5);
        expect(await anna.page.locator('#trace tbody tr', { hasText: 'tracker' }).count()).toBeGreaterThan(0);
        const status = await anna.page.evaluate(`fetch('/console/api/calls/${encodeURIComponent(queued?.id ?? '')}').then((r) => r.status)`);
        expect(status).toBe(403);
    });
});
