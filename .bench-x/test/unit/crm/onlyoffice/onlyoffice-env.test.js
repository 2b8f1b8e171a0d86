import { describe, expect, it } from 'vitest';
import { onlyofficeCrm } from '../../../../src/crm/onlyoffice/onlyoffice-crm.js';
import { z } from 'zod';
import { OnlyofficeEnvShape, onlyofficeEnvProblems } from '../../../../src/crm/onlyoffice/onlyoffice-env.js';
const OnlyofficeEnvSchema = z.object(OnlyofficeEnvShape);
const NO_WORK = { workKind: null };
const G = '8e3b1f3c-5d2a-4c7e-9a51-2f0d6c1b7a90';
describe('ONLYOFFICE_* configuration', () => {
    it('builds token auth with defaults', () => {
        const c = onlyofficeCrm.settingsFrom({ ONLYOFFICE_URL: 'https://office.example.com/', ONLYOFFICE_TOKEN: 'tok-123456', ONLYOFFICE_USERS: `201=${G.toUpperCase()}` });
        expect(c).toMatchObject({
            baseUrl: 'https://office.example.com', auth: { kind: 'token', token: 'tok-123456' }, timeoutMs: 15_000, users: { '201': G },
            defaultUserId: null, historyCategory: { title: 'Call' }, taskCategory: { title: 'Call' }, phoneCategory: 'Work',
            callJournal: true, journalUnknown: false, dealStageId: null, secrets: ['tok-123456'],
        });
    });
    it('builds login auth and numeric categories', () => {
        const c = onlyofficeCrm.settingsFrom({
            ONLYOFFICE_URL: 'https://office.example.com', ONLYOFFICE_USERNAME: 'pbx@example.com', ONLYOFFICE_PASSWORD: 'pw-12345',
            ONLYOFFICE_HISTORY_CATEGORY: '3', ONLYOFFICE_TASK_CATEGORY: 'Звонок', ONLYOFFICE_DEAL_STAGE_ID: '4',
        });
        expect(c.auth).toEqual({ kind: 'login', userName: 'pbx@example.com', password: 'pw-12345' });
        expect(c.historyCategory).toEqual({ id: 3 });
        expect(c.taskCategory).toEqual({ title: 'Звонок' });
        expect(c.dealStageId).toBe(4);
        expect(c.secrets).toEqual(['pw-12345']);
    });
    it('names every problem by variable', () => {
        expect(onlyofficeEnvProblems(OnlyofficeEnvSchema.parse({}), NO_WORK)).toEqual([
            'ONLYOFFICE_URL: required when CRM_ADAPTER=onlyoffice: the portal address, e.g. https://office.example.com',
            'ONLYOFFICE_TOKEN: set it to an API token, or set ONLYOFFICE_USERNAME and ONLYOFFICE_PASSWORD of a user without two-factor authentication',
        ]);
        expect(onlyofficeEnvProblems(OnlyofficeEnvSchema.parse({ ONLYOFFICE_URL: 'http://office.example.com', ONLYOFFICE_USERNAME: 'x' }), NO_WORK)).toEqual([
            'ONLYOFFICE_URL: must be https (plain http is allowed only for localhost)',
            'ONLYOFFICE_PASSWORD: required with ONLYOFFICE_USERNAME',
        ]);
        expect(() => onlyofficeCrm.settingsFrom({ ONLYOFFICE_URL: 'https://o.example.com', ONLYOFFICE_TOKEN: 't', ONLYOFFICE_USERS: '201=bob', ONLYOFFICE_PHONE_CATEGORY: '2' }))
            .toThrow(/ONLYOFFICE_USERS: "201=bob" is not <extension>=<user GUID>[\s\S]*ONLYOFFICE_PHONE_CATEGORY: one of Home, Work/);
    });
});
