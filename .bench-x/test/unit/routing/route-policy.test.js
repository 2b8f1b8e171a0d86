import { describe, expect, it } from 'vitest';
import { LineCalendar } from '../../../src/calls/line-calendar.js';
import { callerIdName } from '../../../src/routing/caller-name.js';
import { keepReferenced, ruleMatches } from '../../../src/routing/client-rules.js';
import { RoutePolicy } from '../../../src/routing/route-policy.js';
const RULES = [
    { name: 'vip', tag: 'VIP', target: { extension: '301' } },
    { name: 'b2b', field: 'TYPE_ID', equals: ['PARTNER', 'SUPPLIER'], target: { context: 'ext-queues', exten: '500' } },
    { name: 'english', field: 'language', equals: 'en', target: { context: 'ext-queues', exten: '510' } },
    { name: 'flagged', field: 'UF_CRM_FLAG', present: true, target: { extension: '302' } },
];
const LINES = [{
        dids: ['84951230000'], hours: { timeZone: 'Europe/Moscow', weekly: { mon: ['09:00-18:00'] }, holidays: [] },
        closed: { context: 'vm-main', exten: '100' },
    }];
const MONDAY_NOON = Date.parse('2026-12-07T12:00:00+03:00');
const MONDAY_NIGHT = Date.parse('2026-12-07T22:00:00+03:00');
function aFound(overrides = {}) {
    return { extension: null, userId: null, name: null, callerName: 'Ivan', client: null, source: 'crm', ...overrides };
}
function policy(busy = [], fallbackExtension = '209') {
    return new RoutePolicy({ availability: { isFree: (e) => !busy.includes(e) }, fallbackExtension, lines: new LineCalendar(LINES, 'RU'), rules: RULES });
}
describe('callerIdName', () => {
    it.each([
        ['Ivan "Big" Petrov, Moscow', 'Ivan Big Petrov Moscow'],
        ['ООО «Ромашка» (офис)', 'ООО Ромашка офис'],
        ['a;b|c$d{e}f[g]h\\i:j?k', 'a b c d e f g h i j k'],
        ['Line\r\nEXEC System', 'Line EXEC System'],
        ['  O\'Brien & Sons-Ltd. ', 'O Brien & Sons-Ltd.'],
    ])('cleans %j to %j', (raw, clean) => {
        expect(callerIdName(raw, 40)).toBe(clean);
    });
    it('cuts to the phone\'s length by characters, not bytes, and gives null for nothing', () => {
        expect(callerIdName('Александра Константиновна', 10)).toBe('Александра');
        expect(callerIdName('Ivan Petrov', 5)).toBe('Ivan');
        expect(callerIdName('"<>"', 24)).toBeNull();
        expect(callerIdName(null, 24)).toBeNull();
        expect(callerIdName('Ivan', 0)).toBeNull();
    });
});
describe('client rules', () => {
    it('matches tags and values case-insensitively, a list field when any value does, and present:true on a set value', () => {
        const rule = (name) => RULES.find((r) => r.name === name);
        expect(ruleMatches(rule('vip'), { fields: {}, tags: ['vip'] })).toBe(true);
        expect(ruleMatches(rule('b2b'), { fields: { type_id: 'partner' }, tags: [] })).toBe(true);
        expect(ruleMatches(rule('english'), { fields: { language: ['de', 'EN'] }, tags: [] })).toBe(true);
        expect(ruleMatches(rule('english'), { fields: { language: 'de' }, tags: ['en'] })).toBe(false);
        expect(ruleMatches(rule('flagged'), { fields: { UF_CRM_FLAG: 'Y' }, tags: [] })).toBe(true);
        for (const unset of ['', '0', 'N', 'false'])
            expect(ruleMatches(rule('flagged'), { fields: { UF_CRM_FLAG: unset }, tags: [] })).toBe(false);
    });
    it('keeps only the fields and tags the rules name', () => {
        expect(keepReferenced(RULES, { fields: { TYPE_ID: 'CLIENT', EMAIL: 'x@y', COMMENTS: 'secret' }, tags: ['VIP', 'private'] }))
            .toEqual({ fields: { TYPE_ID: ['client'] }, tags: ['vip'] });
        expect(keepReferenced(RULES, { fields: { EMAIL: 'x@y' }, tags: [] })).toBeNull();
        expect(keepReferenced([], { fields: { TYPE_ID: 'PARTNER' }, tags: [] })).toBeNull();
    });
});
describe('RoutePolicy', () => {
    it('rings the responsible when free, before any client rule', () => {
        const a = policy().decide(aFound({ extension: '201', client: { fields: {}, tags: ['vip'] } }), '84951230000', MONDAY_NOON);
        expect(a).toMatchObject({ extension: '201', source: 'crm', rule: null, open: true, callerName: 'Ivan', destination: null });
    });
    it('takes the first matching client rule when the responsible is busy or missing, before the fallback', () => {
        const vip = { fields: { TYPE_ID: 'PARTNER' }, tags: ['vip'] };
        expect(policy(['201']).decide(aFound({ extension: '201', client: vip }), null, MONDAY_NOON)).toMatchObject({ extension: '301', source: 'rule', rule: 'vip' });
        expect(policy().decide(aFound({ client: vip }), null, MONDAY_NOON)).toMatchObject({ extension: '301', rule: 'vip' });
    });
    it('skips a rule whose extension is not free, and sends a queue rule to its destination', () => {
        const a = policy(['301']).decide(aFound({ client: { fields: { TYPE_ID: 'supplier' }, tags: ['VIP'] } }), null, MONDAY_NOON);
        expect(a).toMatchObject({ extension: null, destination: { context: 'ext-queues', exten: '500' }, rule: 'b2b', source: 'rule' });
    });
    it('falls back to the colleague only when the responsible is busy and no rule matched', () => {
        expect(policy(['201']).decide(aFound({ extension: '201' }), null, MONDAY_NOON)).toMatchObject({ extension: '209', source: 'fallback' });
        expect(policy(['201', '209']).decide(aFound({ extension: '201' }), null, MONDAY_NOON)).toMatchObject({ extension: null, source: 'busy' });
        expect(policy().decide(aFound({ source: 'none' }), null, MONDAY_NOON)).toMatchObject({ extension: null, source: 'none', rule: null });
    });
    it('sends every call on a closed line to its closed target, whoever the responsible, with the caller name', () => {
        const a = policy().decide(aFound({ extension: '201', client: { fields: {}, tags: ['vip'] } }), '+74951230000', MONDAY_NIGHT);
        expect(a).toEqual({
            extension: null, userId: null, name: null, source: 'closed', callerName: 'Ivan', open: false, destination: { context: 'vm-main', exten: '100' }, rule: null,
        });
        expect(policy().decide(aFound({ source: 'timeout', callerName: null }), '84951230000', MONDAY_NIGHT)).toMatchObject({ open: false, source: 'closed' });
        expect(policy().decide(aFound({ extension: '201' }), '84959999999', MONDAY_NIGHT)).toMatchObject({ open: true, extension: '201' });
    });
});
