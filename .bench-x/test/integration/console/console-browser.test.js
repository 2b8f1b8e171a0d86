import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { freePort } from '../../../harness/redis/private-redis.js';
import { amiFixture, startTestAmiServer } from '../../support/ami-replay.js';
import { waitFor } from '../../../harness/poll.js';
import { launchChromium, signedInPage } from '../../support/console-browser.js';
import { consoleUsersFile } from '../../support/console-users.js';
import { startTestDaemon, waitForJournal } from '../../support/test-daemon.js';
import { testRedis, uniquePrefix } from '../../support/test-redis.js';
// One Chromium for every console browser test (Debian's, driven by playwright-core).
let browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser.close(); });
async function setup() {
    const port = await freePort();
    return { port, amiPort: await freePort(), prefix: uniquePrefix(), baseUrl: `http://127.0.0.1:${port}` };
}
async function consoleDaemon(s) {
    const daemon = await startTestDaemon({
        amiPort: s.amiPort,
        env: {
            CONSOLE_USERS_FILE: await consoleUsersFile(), HTTP_PORT: String(s.port), HTTP_HOST: '127.0.0.1', REDIS_PREFIX: s.prefix,
            TRUNK_CONTEXT_PATTERNS: '^from-trunk$,^pstn$,-incoming$',
        },
        options: { listen: true },
    });
    await waitFor(() => daemon.reader.isActive, { what: 'the AMI lease', timeoutMs: 8000 });
    return daemon;
}
async function streamSeqs(prefix, callId) {
    const rows = (await testRedis().xrange(`${prefix}:console:events`, '-', '+'));
    return rows.map(([, f]) => JSON.parse(f[1] ?? '{}')).filter((c) => c.callId === callId).map((c) => c.seq);
}
describe('live cards in Chromium', { timeout: 60_000 }, () => {
    it('shows the ringing call on 201 with the number as people write it, then talking, then takes it away', async () => {
        const s = await setup();
        const daemon = await consoleDaemon(s);
        await daemon.localCrm().createEntity({ kind: 'contact', phone: '+79261112233', title: 'Ivan Kuznetsov', responsibleExtension: '202', contact: null, source: 'inbound' });
        const anna = await signedInPage(browser, s.baseUrl, '201');
        onTestFinished(() => anna.context.close());
        await startTestAmiServer({ port: s.amiPort, transcripts: [amiFixture('pjsip/inbound-answered.ami')], speed: 1 });
        const card = anna.page.locator('.card', { hasText: '+7 926 111-22-33' });
        await card.locator('.card-state', { hasText: 'Ringing' }).waitFor();
        await card.locator('.card-name', { hasText: 'Ivan Kuznetsov' }).waitFor();
        await card.locator('.card-responsible', { hasText: 'Boris Ivanov' }).waitFor();
        expect(await card.locator('.card-facts').innerText()).toMatch(/Line\s+\+7 495 123-00-00\s+Waiting\s+0:0\d/);
        await card.locator('.card-state', { hasText: 'Talking' }).waitFor();
        await card.waitFor({ state: 'detached', timeout: 15_000 });
        expect(await anna.page.locator('#no-cards').isVisible()).toBe(true);
    });
    it('rings both queue members; the one who did not answer reads "Answered by Vera Petrova" and the card goes', async () => {
        const s = await setup();
        await consoleDaemon(s);
        const [boris, borisRu, vera, chief] = await Promise.all([
            signedInPage(browser, s.baseUrl, '202'), signedInPage(browser, s.baseUrl, '202', { locale: 'ru-RU' }),
            signedInPage(browser, s.baseUrl, '203', { locale: 'ru-RU' }), signedInPage(browser, s.baseUrl, 'chief'),
        ]);
        onTestFinished(async () => { await Promise.all([boris, borisRu, vera, chief].map((p) => p.context.close())); });
        await startTestAmiServer({ port: s.amiPort, transcripts: [amiFixture('pjsip/queue-answered.ami')], speed: 1 });
        const number = '+7 926 111-22-33';
        const onBoris = boris.page.locator('.card', { hasText: number });
        await onBoris.locator('.card-state', { hasText: 'Ringing' }).waitFor();
        expect(await onBoris.locator('.card-facts').innerText()).toMatch(/Queue\s+2200/);
        await chief.page.locator('#board tbody tr', { hasText: number }).waitFor({ state: 'attached' });
        await onBoris.locator('.card-state', { hasText: 'Answered by Vera Petrova' }).waitFor();
        await borisRu.page.locator('.card .card-state', { hasText: 'Ответил Vera Petrova' }).waitFor();
        await vera.page.locator('.card', { hasText: number }).locator('.card-state', { hasText: 'Разговор' }).waitFor();
        await onBoris.waitFor({ state: 'detached' });
        expect(await vera.page.locator('.card').count()).toBe(1); // the answerer keeps it until the end
    });
    it('moves the card to the transfer target live: 202 rings then talks to the end, 201 reads "Transferred to Boris Ivanov" and it goes', async () => {
        const s = await setup();
        await consoleDaemon(s);
        const [anna, boris] = await Promise.all([signedInPage(browser, s.baseUrl, '201'), signedInPage(browser, s.baseUrl, '202')]);
        onTestFinished(async () => { await Promise.all([anna.context.close(), boris.context.close()]); });
        await startTestAmiServer({ port: s.amiPort, transcripts: [amiFixture('blind-transfer.ami')], speed: 2 });
        const onAnna = anna.page.locator('.card', { hasText: '+7 495 123-45-67' });
        const onBoris = boris.page.locator('.card', { hasText: '+7 495 123-45-67' });
        await onAnna.locator('.card-state', { hasText: 'Talking' }).waitFor();
        expect(await onBoris.count()).toBe(0);
        await onAnna.locator('.card-state', { hasText: 'Transferred to Boris Ivanov' }).waitFor();
        await onBoris.locator('.card-state', { hasText: 'Ringing' }).waitFor();
        await onBoris.locator('.card-state', { hasText: 'Talking' }).waitFor(); // 202 picked up
        await onAnna.waitFor({ state: 'detached' });
        await onBoris.waitFor({ state: 'detached', timeout: 15_000 }); // the call ends
        const views = (await boris.drawn()).map((d) => d.view);
        expect(views.slice(views.indexOf('ringing'))).toEqual(['ringing', 'talking', 'gone']);
    });
    it('misses and doubles no card when the daemon restarts mid-call', async () => {
        const s = await setup();
        const first = await consoleDaemon(s);
        const anna = await signedInPage(browser, s.baseUrl, '201');
        onTestFinished(() => anna.context.close());
        await startTestAmiServer({ port: s.amiPort, transcripts: [amiFixture('pjsip/inbound-answered.ami')], speed: 1 });
        await anna.page.locator('.card .card-state', { hasText: 'Ringing' }).waitFor();
        // the first retry is refused the way a stopping daemon or a proxy refuses it (an HTTP error, on which the
        // browser's EventSource gives up for good): the page must open a new stream itself and resume
        let refused = 0;
        await anna.page.route('**/console/api/events*', async (route) => { refused++; await route.fulfill({ status: 503, body: '' }); }, { times: 1 });
        await first.stop(); // the page's EventSource drops and retries
        await anna.page.locator('#status.down').waitFor();
        const second = await consoleDaemon(s);
        await waitForJournal(second, 1, 15_000);
        await anna.page.locator('.card').waitFor({ state: 'detached' });
        const drawn = await anna.drawn();
        const callId = drawn[0]?.callId ?? '';
        expect(drawn.map((d) => d.seq)).toEqual(await streamSeqs(s.prefix, callId));
        expect(drawn.at(-1)?.view).toBe('gone');
        expect(refused).toBe(1);
    });
});
describe('missed calls in Chromium', { timeout: 60_000 }, () => {
    it('lists the missed call with its Call back button, which places an Originate from 201', async () => {
        const s = await setup();
        const daemon = await consoleDaemon(s);
        const pbx = await startTestAmiServer({ port: s.amiPort, transcripts: [amiFixture('pjsip/inbound-missed.ami')], speed: 0 });
        await waitForJournal(daemon, 1);
        const anna = await signedInPage(browser, s.baseUrl, '201');
        onTestFinished(() => anna.context.close());
        await anna.page.getByRole('link', { name: 'Missed calls' }).click();
        const row = anna.page.locator('.missed-item', { hasText: '+7 926 111-22-33' });
        await row.getByRole('button', { name: 'Call back' }).click();
        await anna.page.locator('#missed-status', { hasText: 'Calling your phone' }).waitFor();
        const originate = pbx.actions.find((a) => a.name.toLowerCase() === 'originate');
        expect(originate?.fields['channel']).toContain('201');
        expect(originate?.fields['exten']).toMatch(/9261112233$/);
        await row.getByLabel('Done').check();
        await anna.page.reload();
        await anna.page.getByRole('link', { name: 'Missed calls' }).click();
        await expect.poll(() => anna.page.locator('.missed-item.done').count()).toBe(1);
    });
    it('finds calls in the journal by number and shows today\'s calls', async () => {
        const s = await setup();
        const daemon = await consoleDaemon(s);
        await startTestAmiServer({ port: s.amiPort, transcripts: [amiFixture('pjsip/inbound-missed.ami')], speed: 0 });
        await waitForJournal(daemon, 1);
        const chief = await signedInPage(browser, s.baseUrl, 'chief');
        onTestFinished(() => chief.context.close());
        await chief.page.getByRole('link', { name: 'Journal' }).click();
        await chief.page.getByLabel('Number').first().waitFor();
        await chief.page.locator('#j-phone').fill('8 926 111-22-33');
        await chief.page.getByRole('button', { name: 'Search' }).click();
        await chief.page.locator('#journal tbody tr', { hasText: '+7 926 111-22-33' }).waitFor();
        await chief.page.locator('#j-phone').fill('+7 495 000-00-01');
        await chief.page.getByRole('button', { name: 'Search' }).click();
        await chief.page.locator('#journal-empty').waitFor({ state: 'visible' });
        await chief.page.getByRole('link', { name: 'Today' }).click();
        await chief.page.locator('#journal-h', { hasText: "Today's calls" }).waitFor();
    });
    it('speaks Russian when the browser does, and keeps a switched language', async () => {
        const s = await setup();
        const daemon = await consoleDaemon(s);
        await startTestAmiServer({ port: s.amiPort, transcripts: [amiFixture('pjsip/inbound-missed.ami')], speed: 0 });
        await waitForJournal(daemon, 1);
        const anna = await signedInPage(browser, s.baseUrl, '201', { locale: 'ru-RU', width: 375 });
        onTestFinished(() => anna.context.close());
        await anna.page.getByRole('button', { name: 'Выйти' }).waitFor();
        await anna.page.getByRole('link', { name: 'Пропущенные' }).click();
        await anna.page.getByRole('button', { name: 'Перезвонить' }).waitFor();
        const overflow = await anna.page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        expect(overflow).toBeLessThanOrEqual(0); // readable on a phone-sized screen
        await anna.page.getByLabel('Язык').selectOption('en');
        await anna.page.reload();
        await anna.page.getByRole('button', { name: 'Sign out' }).click();
        await anna.page.getByLabel('Extension').waitFor();
        await anna.page.getByLabel('Password').waitFor();
    });
});
