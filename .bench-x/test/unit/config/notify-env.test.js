import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load-config.js';
const minimal = { AMI_USERNAME: 'crm', AMI_SECRET: 'crmsecret', API_TOKEN: 'a-long-enough-token' };
const TOKEN = '123456789:AAH-test-token-abcdefghijklmnopqrstuv';
function problemsOf(env) {
    try {
        loadConfig({ ...minimal, ...env });
    }
    catch (err) {
        if (err instanceof ConfigError)
            return [...err.problems];
        throw err;
    }
    return [];
}
function rules(value) {
    const path = join(mkdtempSync(join(tmpdir(), 'pcb-rules-')), 'rules.json');
    writeFileSync(path, JSON.stringify(value));
    return path;
}
describe('notification settings', () => {
    it('defaults: no channel, mail at once, 20 mails an hour, escalation at the task deadline, the report time zone', () => {
        const c = loadConfig({ ...minimal, REPORT_TIME_ZONE: 'Europe/Moscow', CALLBACK_TASK_DEADLINE_MIN: '45' });
        expect(c.notify).toMatchObject({
            smtp: null, telegramBotToken: null, slackWebhookUrl: null, digestMinutes: 0, hourlyLimit: 20, dailySummaryAt: null,
            timeZone: 'Europe/Moscow', escalateAfterMin: 45, consoleUrl: null, minRingSec: 0, rules: { extensions: {}, lines: {}, supervisor: {} },
        });
        expect(c.sync).toMatchObject({ missedOwner: 'first', lineOwners: {} });
    });
    it('reads SMTP, Telegram and Slack settings and puts every secret among config.secrets', () => {
        const c = loadConfig({
            ...minimal, SMTP_URL: 'smtps://bridge:p%40ss-w0rd-xyz@mail.example.com:465', SMTP_FROM: 'PBX <pbx@example.com>', TELEGRAM_BOT_TOKEN: TOKEN,
            SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/abcdef', NOTIFY_DAILY_SUMMARY_AT: '08:30', CONSOLE_URL: 'https://bridge.example.com/',
            MISSED_OWNER: 'last', MISSED_MIN_RING_SEC: '3',
        });
        expect(c.notify.smtp).toEqual({ url: 'smtps://bridge:p%40ss-w0rd-xyz@mail.example.com:465', from: 'PBX <pbx@example.com>' });
        expect(c.notify).toMatchObject({ dailySummaryAt: '08:30', consoleUrl: 'https://bridge.example.com', minRingSec: 3 });
        expect(c.sync.missedOwner).toBe('last');
        expect(c.secrets).toEqual(expect.arrayContaining(['p@ss-w0rd-xyz', TOKEN, 'https://hooks.slack.com/services/T0/B0/abcdef']));
    });
    it('refuses bad SMTP, bot and webhook settings at start, naming the variable and never echoing the secret', () => {
        const problems = problemsOf({ SMTP_URL: 'http://u:hunter2-secret@mail.example.com', TELEGRAM_BOT_TOKEN: 'not-a-token-hunter3', SLACK_WEBHOOK_URL: 'hooks.slack.com/x' });
        expect(problems).toEqual(expect.arrayContaining([
            expect.stringMatching(/^SMTP_URL: must be smtp:\/\//), expect.stringMatching(/^SMTP_FROM: is required with SMTP_URL/),
            expect.stringMatching(/^TELEGRAM_BOT_TOKEN: is not a bot token/), expect.stringMatching(/^SLACK_WEBHOOK_URL: must be/),
        ]));
        expect(problems.join('\n')).not.toMatch(/hunter/);
        expect(problemsOf({ SMTP_URL: 'smtp://mail.example.com', SMTP_FROM: 'nobody' })).toEqual([expect.stringMatching(/^SMTP_FROM: must contain an e-mail address/)]);
        expect(problemsOf({ NOTIFY_DAILY_SUMMARY_AT: '25:00', MISSED_OWNER: 'middle', NOTIFY_TIME_ZONE: 'Mars/Base' })).toEqual(expect.arrayContaining([
            expect.stringMatching(/^NOTIFY_DAILY_SUMMARY_AT/), expect.stringMatching(/^MISSED_OWNER/), expect.stringMatching(/^NOTIFY_TIME_ZONE/),
        ]));
    });
    it('reads recipients and line owners from the rules file, and names a bad entry', () => {
        const c = loadConfig({ ...minimal, RULES_FILE: rules({ notify: {
                    extensions: { 201: { email: 'anna@example.com', telegramChatId: '-100123' } },
                    lines: { '84951230000': { email: ['sales@example.com', 'head@example.com'], owner: '202' } }, supervisor: { email: 'boss@example.com' },
                } }) });
        expect(c.notify.rules.extensions['201']).toEqual({ email: 'anna@example.com', telegramChatId: '-100123' });
        expect(c.sync.lineOwners).toEqual({ '84951230000': '202' });
        expect(problemsOf({ RULES_FILE: rules({ notify: { extensions: { 201: { email: 'not-an-address' } } } }) }).join('\n')).toMatch(/notify\.extensions\.201\.email/);
        expect(problemsOf({ RULES_FILE: rules({ notify: { lines: { '8495': { owner: 'anna' } } } }) }).join('\n')).toMatch(/owner: an extension number/);
    });
});
