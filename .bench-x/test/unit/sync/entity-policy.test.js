import { describe, expect, it } from 'vitest';
import { bindTarget, planEntities } from '../../../src/sync/entity-policy.js';
const rules = { create: 'contact', simpleMode: false, repeatSales: false, defaultContactName: 'No name' };
const input = (o = {}) => ({
    phone: '+74951234567', direction: 'inbound', line: '74950000000', match: null, responsibleExtension: '201', blacklisted: false, ...o,
});
const contactMatch = (openWork = []) => ({ entity: { kind: 'contact', id: '7' }, name: 'Ann', responsibleExtension: '203', openWork });
describe('planEntities', () => {
    it('creates a contact with the default name for an unknown number', () => {
        const plan = planEntities(input(), rules);
        expect(plan.contact).toMatchObject({ kind: 'contact', title: 'No name', phone: '+74951234567', responsibleExtension: '201', source: 'inbound' });
        expect(plan.work).toBeNull();
    });
    it('creates nothing for a blacklisted number, nor when create is none', () => {
        expect(planEntities(input({ blacklisted: true }), rules)).toEqual({ existing: null, contact: null, work: null });
        expect(planEntities(input(), { ...rules, create: 'none' })).toEqual({ existing: null, contact: null, work: null });
    });
    it('creates a lead whose title carries the number and the line', () => {
        const plan = planEntities(input(), { ...rules, create: 'lead' });
        expect(plan.contact).toBeNull();
        expect(plan.work).toMatchObject({ kind: 'lead', title: 'Incoming call +74951234567 | 74950000000' });
    });
    it('creates a deal (with a contact) instead of a lead in simple mode', () => {
        const plan = planEntities(input({ direction: 'outbound' }), { ...rules, create: 'lead', simpleMode: true });
        expect(plan.contact).toMatchObject({ kind: 'contact' });
        expect(plan.work).toMatchObject({ kind: 'deal', title: 'Outgoing call +74951234567', source: 'outbound' });
    });
    it('reuses a known client without repeat sales', () => {
        const plan = planEntities(input({ match: contactMatch() }), { ...rules, create: 'deal' });
        expect(plan).toEqual({ existing: { kind: 'contact', id: '7' }, contact: null, work: null });
    });
    it('opens a new deal for a known client with repeat sales, unless it has open work', () => {
        const r = { ...rules, create: 'deal', repeatSales: true };
        expect(planEntities(input({ match: contactMatch() }), r).work).toMatchObject({ kind: 'deal', contact: { kind: 'contact', id: '7' } });
        expect(planEntities(input({ match: contactMatch([{ kind: 'deal', id: '3' }]) }), r).work).toBeNull();
    });
    it('never repeat-sells to a blacklisted number', () => {
        expect(planEntities(input({ match: contactMatch(), blacklisted: true }), { ...rules, create: 'deal', repeatSales: true }).work).toBeNull();
    });
});
describe('bindTarget', () => {
    it('binds to a contact first, then new work, then the match', () => {
        expect(bindTarget({ kind: 'lead', id: '1' }, { kind: 'contact', id: '2' }, { kind: 'deal', id: '3' })).toEqual({ kind: 'contact', id: '2' });
        expect(bindTarget({ kind: 'contact', id: '1' }, null, { kind: 'deal', id: '3' })).toEqual({ kind: 'contact', id: '1' });
        expect(bindTarget({ kind: 'lead', id: '1' }, null, { kind: 'deal', id: '3' })).toEqual({ kind: 'deal', id: '3' });
        expect(bindTarget(null, null, null)).toBeNull();
    });
});
