import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDialNumber } from '../../../src/http/dial-number.js';
import { routeAsVars } from '../../../src/http/routes/route-text.js';
import { callsOf, extensionRegex, matching, parseDialplan } from '../../support/asterisk-dialplan.js';
const DIR = new URL('../../../config/asterisk/', import.meta.url);
const read = (name) => readFileSync(new URL(name, DIR), 'utf8');
const FILES = ['extensions-crm-route-curl.conf', 'extensions-crm-route-fastagi.conf', 'mikopbx-extensions-custom.conf', 'extensions-crm-originate.conf'];
const ROUTES = FILES.slice(0, 3);
const dialplan = (name) => parseDialplan(read(name));
const contexts = (s) => s.filter((c) => c.name !== 'globals');
const globalsOf = (s) => s.filter((c) => c.name === 'globals');
/** Extensions Asterisk runs by itself: hang-up, invalid, timeout, start, and the others of the dialplan docs. */
const SPECIAL = ['h', 'i', 't', 's', 'T', 'o', 'a', 'e', 'fax', 'talk', 'failed'];
/** Channel variables the daemon sets on an originated call (not globals). */
const DAEMON_VARIABLES = new Set(['CRM_OPERATOR']);
describe.each(FILES)('config/asterisk/%s', (file) => {
    const sections = dialplan(file);
    it('has no pattern that matches h, i, t, s or another special extension', () => {
        for (const step of contexts(sections).flatMap((c) => c.steps)) {
            if (!step.exten.startsWith('_'))
                continue;
            for (const special of SPECIAL)
                expect(extensionRegex(step.exten).test(special), `${step.exten} (line ${step.line}) matches ${special}`).toBe(false);
        }
    });
    it('keeps its settings in one [globals](+) section, uses all of them, and writes no address outside it', () => {
        const globals = globalsOf(sections);
        expect(globals).toHaveLength(1);
        expect(globals[0]?.append).toBe(true); // a second plain [globals] would be ignored by Asterisk
        const defined = new Set(globals[0]?.vars.keys());
        const body = contexts(sections).flatMap((c) => c.steps.map((s) => s.app)).join('\n');
        const used = new Set([...body.matchAll(/\$\{(CRM_[A-Z0-9_]+)\}/g)].map((m) => m[1] ?? ''));
        for (const name of used)
            if (!DAEMON_VARIABLES.has(name))
                expect(defined, `${name} is used but not in [globals]`).toContain(name);
        for (const name of defined)
            expect(used, `${name} is set but never used`).toContain(name);
        expect(body).not.toMatch(/(agi|https?):\/\//);
    });
    it('lets neither side of a Dial() transfer or park but the operator (options t only)', () => {
        for (const dial of contexts(sections).flatMap((c) => c.steps.flatMap((s) => callsOf(s.app, 'Dial')))) {
            expect(dial[2]?.trim()).toBe('t');
        }
    });
    it('jumps only to contexts and extensions that exist (or to a configured route)', () => {
        const byName = new Map(contexts(sections).map((c) => [c.name, c]));
        for (const step of contexts(sections).flatMap((c) => c.steps)) {
            for (const [ctx, exten] of [...callsOf(step.app, 'Goto'), ...callsOf(step.app, 'Gosub')]) {
                if (exten === undefined || ctx === undefined || ctx.startsWith('${'))
                    continue;
                const target = byName.get(ctx);
                expect(target, `line ${step.line}: no context ${ctx}`).toBeDefined();
                if (target && !exten.startsWith('${'))
                    expect(matching(target, exten), `line ${step.line}: ${ctx},${exten}`).not.toEqual([]);
            }
        }
    });
});
describe('the routing snippets together', () => {
    it.each([[ROUTES[0], ROUTES[1]], [ROUTES[0], ROUTES[2]], [ROUTES[1], ROUTES[2]], [ROUTES[0], FILES[3]], [ROUTES[1], FILES[3]]])('%s and %s can be included together: no shared context or global name', (a = '', b = '') => {
        const [x, y] = [dialplan(a), dialplan(b)];
        const names = (s) => contexts(s).map((c) => c.name);
        const vars = (s) => globalsOf(s).flatMap((g) => [...g.vars.keys()]);
        expect(names(x).filter((n) => names(y).includes(n))).toEqual([]);
        expect(vars(x).filter((n) => vars(y).includes(n))).toEqual([]);
    });
    it('treats a failed HTTP lookup as no extension (CURLOPT failurecodes before CURL)', () => {
        const steps = dialplan(ROUTES[0] ?? '').find((c) => c.name === 'crm-route-curl')?.steps.map((s) => s.app) ?? [];
        const failure = steps.findIndex((a) => a.startsWith('Set(CURLOPT(failurecodes)='));
        expect(failure).toBeGreaterThanOrEqual(0);
        expect(failure).toBeLessThan(steps.findIndex((a) => a.includes('${CURL(')));
    });
});
describe('the routing subroutines and the route answer', () => {
    const subroutine = (file) => contexts(dialplan(file)).find((c) => c.name.startsWith('crm-route-') && !c.name.endsWith('-incoming'))?.steps.map((s) => s.app) ?? [];
    it.each(ROUTES)('%s shows the client name, follows a destination before ringing, and jumps there', (file = '') => {
        const apps = subroutine(file);
        const dial = apps.findIndex((a) => a.startsWith('Dial('));
        const name = apps.findIndex((a) => a.includes('Set(CALLERID(name)=${ROUTE_CALLER_NAME})'));
        const toDestination = apps.findIndex((a) => a.startsWith('GotoIf($["${ROUTE_GOTO_CONTEXT}" != ""]?goto)'));
        expect(name).toBeGreaterThanOrEqual(0);
        expect(name).toBeLessThan(dial);
        expect(toDestination).toBeGreaterThanOrEqual(0);
        expect(toDestination).toBeLessThan(dial);
        const steps = contexts(dialplan(file)).flatMap((c) => c.steps);
        expect(steps.find((s) => s.priority === 'n(goto)')?.app).toBe('Goto(${ROUTE_GOTO_CONTEXT},${ROUTE_GOTO_EXTEN},1)');
    });
    it.each(ROUTES)('%s passes the DID to the lookup (Gosub ARG1 = ${EXTEN})', (file = '') => {
        const gosubs = contexts(dialplan(file)).flatMap((c) => c.steps.flatMap((s) => callsOf(s.app, 'Gosub')));
        expect(gosubs.length).toBeGreaterThan(0);
        for (const g of gosubs)
            expect(g[2]).toBe('1(${EXTEN})');
        const apps = subroutine(file).join('\n');
        expect(apps).toMatch(file.includes('curl') ? /did=\$\{URIENCODE\(\$\{ARG1\}\)\}/ : /AGI\(\$\{CRM_[A-Z_]+\},\$\{CALLERID\(num\)\},\$\{ARG1\}\)/);
    });
    it('reads format=vars into the variables in the order the daemon writes them', () => {
        const set = subroutine(ROUTES[0] ?? '').find((a) => a.startsWith('Set(ARRAY(')) ?? '';
        expect(set).toContain('/v1/route?format=vars&');
        const names = /^Set\(ARRAY\(([^)]*)\)=/.exec(set)?.[1]?.split(',') ?? [];
        const values = routeAsVars({
            extension: '201', userId: null, name: null, source: 'closed', callerName: 'Ivan Petrov', open: false,
            destination: { context: 'vm-main', exten: '100' }, rule: 'vip',
        }).split(',');
        expect(Object.fromEntries(names.map((n, i) => [n, values[i]]))).toEqual({
            ROUTE_EXTENSION: '201', ROUTE_OPEN: '0', ROUTE_GOTO_CONTEXT: 'vm-main', ROUTE_GOTO_EXTEN: '100', ROUTE_RULE: 'vip', ROUTE_CALLER_NAME: 'Ivan Petrov',
        });
    });
});
describe('the shipped originate context', () => {
    const originate = dialplan('extensions-crm-originate.conf').find((c) => c.name === 'crm-originate');
    const dial = dialplan('extensions-crm-originate.conf').find((c) => c.name === 'crm-originate-dial');
    it.each(['112', '911', '999', '101', '102', '103', '104', '01', '02', '03', '04', '88091234567', '78091234567', '+78091234567',
        '88031234567', '78031234567', '+78031234567', '810442079460000', '8102079460000', '00442079460000', '+442079460000'])('refuses %s', (number) => {
        expect(matching(originate ?? { name: '', append: false, vars: new Map(), steps: [] }, number)).toEqual([]);
    });
    it.each(['84951112233', '74951112233', '+74951112233', '88001234567', '88121234567', '89001234567', '202', '2200'])('dials %s', (number) => {
        expect(originate && matching(originate, number)).not.toEqual([]);
        expect(dial && matching(dial, number)).not.toEqual([]);
    });
    it.each(['national', 'digits', 'e164'])('takes what the daemon sends in ORIGINATE_NUMBER_FORMAT=%s', (format) => {
        for (const to of ['+74951112233', '89001234567', '+78121234567']) {
            const exten = formatDialNumber(to, format, 'RU', 4);
            expect(originate && matching(originate, exten), exten).not.toEqual([]);
        }
    });
    it('gives the outgoing leg the operator\'s caller ID back before the outgoing route', () => {
        for (const exten of ['_X!', '_+X!']) {
            const apps = dial?.steps.filter((s) => s.exten === exten).map((s) => s.app) ?? [];
            expect(apps[0]).toContain('Set(CALLERID(all)=${CRM_OPERATOR} <${CRM_OPERATOR}>)');
            expect(apps[1]).toBe('Goto(${CRM_ORIGINATE_ROUTE},${EXTEN},1)');
        }
    });
});
/** Markdown code blocks with the line just before each. */
function fencedBlocks(text) {
    const out = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i += 1) {
        if (!lines[i]?.startsWith('```'))
            continue;
        const close = lines.findIndex((l, j) => j > i && l.startsWith('```'));
        out.push({ lead: lines[i - 1] ?? '', block: `${lines.slice(i + 1, close).join('\n')}\n` });
        i = close;
    }
    return out;
}
/** An Asterisk config block: dialplan lines or a `[section]` header (manager.conf, extensions.conf). */
const ASTERISK_CONFIG = /^(exten =>|\[[A-Za-z0-9_-]+\](\(\+\))?(\s|$))/m;
const DOCS = ['README.md', ...readdirSync(new URL('../../../docs/', import.meta.url)).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
describe('Asterisk config quoted in the docs', () => {
    it('covers the README, docs/call-control.md and the manager.conf user', () => {
        const quoted = (doc) => fencedBlocks(readFileSync(new URL(`../../../${doc}`, import.meta.url), 'utf8')).filter((b) => ASTERISK_CONFIG.test(b.block));
        expect(quoted('README.md').length).toBeGreaterThanOrEqual(2);
        expect(quoted('docs/call-control.md').length).toBeGreaterThanOrEqual(2);
        expect(quoted('README.md').some((b) => b.lead.includes('config/asterisk/manager-crmbridge.conf') && b.block.includes('[general](+)'))).toBe(true);
    });
    it.each(DOCS)('%s quotes the shipped files word for word (every block, with its file named on the line before)', (doc) => {
        const text = readFileSync(new URL(`../../../${doc}`, import.meta.url), 'utf8');
        const blocks = fencedBlocks(text).filter((b) => ASTERISK_CONFIG.test(b.block));
        for (const { lead, block } of blocks) {
            const file = /config\/asterisk\/([\w.-]+\.conf)/.exec(lead)?.[1];
            expect(file, `the line before a dialplan block names its file: ${lead}`).toBeDefined();
            expect(read(file ?? ''), `${doc}: the block from ${file}`).toContain(block);
        }
    });
});
