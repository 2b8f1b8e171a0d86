import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sleep, waitFor } from '../../../harness/poll.js';
import { slackSender, telegramSender } from '../../../src/notify/chat-senders.js';
import { aMissedCall, notifyConfig, RULES, startNotifyRig } from '../../support/notify-rig.js';
const TOKEN = '123456789:AAH-test-token-abcdefghijklmnopqrstuv';
const SLACK = 'https://hooks.slack.example.com/services/T000/B000/secretpart';
beforeEach(() => { nock.disableNetConnect(); nock.enableNetConnect(/127\.0\.0\.1|localhost/); });
afterEach(() => { nock.cleanAll(); nock.enableNetConnect(); });
describe('Telegram and Slack notices', () => {
    it('posts one Telegram message per chat and one Slack message per call, retrying a 429 after retry_after', async () => {
        const telegram = [];
        const tg = nock('https://api.telegram.org')
            .post(`/bot${TOKEN}/sendMessage`).reply(429, { ok: false, error_code: 429, parameters: { retry_after: 1 } })
            .post(`/bot${TOKEN}/sendMessage`, (body) => { telegram.push(body); return true; }).reply(200, { ok: true, result: {} });
        const slack = [];
        const sl = nock('https://hooks.slack.example.com')
            .post('/services/T000/B000/secretpart', (body) => { slack.push(body); return true; }).reply(200, 'ok');
        const config = notifyConfig({ telegramBotToken: TOKEN, slackWebhookUrl: SLACK, rules: { ...RULES, lines: {} } });
        const rig = await startNotifyRig({ config, senders: [telegramSender(TOKEN), slackSender(SLACK)] });
        const record = await rig.missed(aMissedCall({ externalNumber: '+74955550001' }), '201', 'Romashka LLC');
        await waitFor(() => telegram.length === 1 && slack.length === 1, { what: 'a Telegram and a Slack message', timeoutMs: 8000 });
        await sleep(500);
        expect(tg.isDone() && sl.isDone()).toBe(true);
        expect(telegram[0]).toMatchObject({ chat_id: '111', disable_web_page_preview: true });
        expect(String(telegram[0]?.['text'])).toContain('Missed call from +7 495 555-00-01 (Romashka LLC)');
        expect(String(telegram[0]?.['text'])).toContain(`call ${record.id}`);
        expect(String(slack[0]?.['text'])).toMatch(/^\*Missed call from \+7 495 555-00-01 \(Romashka LLC\)\*\n/);
        const logs = rig.log.lines().join('\n');
        expect(logs).toContain('Telegram answered HTTP 429');
        expect(logs).not.toContain(TOKEN);
        expect(logs).not.toContain('secretpart');
    });
    it('gives up on a chat Telegram refuses (403: the bot was blocked) without retrying, the token in no log', async () => {
        let tries = 0;
        nock('https://api.telegram.org').post(`/bot${TOKEN}/sendMessage`).times(5).reply(() => { tries += 1; return [403, { ok: false, description: 'Forbidden: bot was blocked by the user' }]; });
        const config = notifyConfig({ telegramBotToken: TOKEN, rules: { ...RULES, lines: {} } });
        const rig = await startNotifyRig({ config, senders: [telegramSender(TOKEN)] });
        await rig.missed(aMissedCall(), '201');
        await waitFor(() => tries >= 1, { what: 'the Telegram request', timeoutMs: 8000 });
        await sleep(1500);
        expect(tries).toBe(1);
        const logs = rig.log.lines().join('\n');
        expect(logs).toContain('Telegram refused the message: HTTP 403');
        expect(logs).not.toContain(TOKEN);
    });
});
