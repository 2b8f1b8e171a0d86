import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load-config.js';
const minimal = { AMI_USERNAME: 'crm', AMI_SECRET: 'crmsecret', API_TOKEN: 'a-long-enough-token' };
function withRules(rules) {
    const path = join(mkdtempSync(join(tmpdir(), 'pcb-rules-')), 'rules.json');
    writeFileSync(path, JSON.stringify(rules));
    return { ...minimal, RULES_FILE: path };
}
function problemsOf(env) {
    try {
        loadConfig(env);
    }
    catch (err) {
        if (err instanceof ConfigError)
            return err.message;
        throw err;
    }
    return '';
}
describe('rules file: lines and client rules', () => {
    it('reads config/rules.example.json', () => {
        const c = loadConfig({ ...minimal, RULES_FILE: new URL('../../../config/rules.example.json', import.meta.url).pathname });
        expect(c.routing.lines[0]).toMatchObject({ dids: ['84951234567'], timeZone: 'Europe/Moscow', closed: { context: 'voicemail-main', exten: '100' } });
        expect(c.routing.clientRules.map((r) => r.name)).toEqual(['vip', 'b2b']);
        expect(c.routing.callerNameMaxChars).toBe(24);
    });
    it('refuses bad hours, an unknown time zone, bad dates and a destination that could change a Goto()', () => {
        const text = problemsOf(withRules({
            lines: [{ dids: ['84951234567'], timeZone: 'Mars/Olympus', hours: { mon: ['9-18'], funday: ['09:00-10:00'] }, holidays: ['1.1.2027'],
                    closed: { context: 'vm,evil', exten: '100)' } }],
        }));
        for (const part of ['timeZone', 'hours.mon.0', 'funday', 'holidays.0', 'closed.context', 'closed.exten'])
            expect(text).toContain(part);
        expect(problemsOf(withRules({ lines: [{ dids: ['1'], timeZone: 'UTC', hours: { mon: ['09:00-24:01'] } }] }))).toContain('hours.mon.0');
    });
    it('refuses a client rule with neither or both of tag and field, a field rule without a test, or a bad target', () => {
        const text = problemsOf(withRules({
            clientRules: [
                { name: 'none', target: { extension: '301' } },
                { name: 'both', tag: 'VIP', field: 'x', equals: 'y', target: { extension: '301' } },
                { name: 'untested', field: 'TYPE_ID', target: { extension: '301' } },
                { name: 'bad target', tag: 'VIP', target: { extension: '30a' } },
            ],
        }));
        for (const part of ['clientRules.0', 'clientRules.1', 'clientRules.2', 'clientRules.3', 'either tag or field', 'equals or present'])
            expect(text).toContain(part);
    });
    it('lets ROUTE_CALLER_NAME_MAX_CHARS turn the name off, and refuses a negative one', () => {
        expect(loadConfig({ ...minimal, ROUTE_CALLER_NAME_MAX_CHARS: '0' }).routing.callerNameMaxChars).toBe(0);
        expect(problemsOf({ ...minimal, ROUTE_CALLER_NAME_MAX_CHARS: '-1' })).toContain('ROUTE_CALLER_NAME_MAX_CHARS');
    });
});
