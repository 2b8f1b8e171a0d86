import { describe, expect, it } from 'vitest';
import { SearchCache } from '../../../../src/crm/bitrix24/search-cache.js';
const hit = (id) => ({ entity: { kind: 'contact', id }, name: null, assignedUserId: '5', assignedInner: null });
describe('bitrix24 search cache', () => {
    it('answers one number from one search while fresh, shares a search in flight, and searches again once stale', async () => {
        let nowMs = 0;
        let searches = 0;
        const cache = new SearchCache(15_000, () => nowMs);
        const search = async () => { searches += 1; return [hit('797')]; };
        await Promise.all([cache.lookup('+74951234567', search), cache.lookup('+74951234567', search)]);
        nowMs = 14_999;
        expect(await cache.lookup('+74951234567', search)).toEqual([hit('797')]);
        expect(searches).toBe(1);
        nowMs = 15_000;
        await cache.lookup('+74951234567', search);
        expect(searches).toBe(2);
    });
    it('forgets a number when an entity is created for it or one of its entities is reassigned, and never keeps a failure', async () => {
        let searches = 0;
        const cache = new SearchCache(15_000, () => 0);
        const search = async () => { searches += 1; return [hit('797')]; };
        await cache.lookup('+74951234567', search);
        cache.forgetPhone('+74951234567');
        await cache.lookup('+74951234567', search);
        await cache.forgetEntity({ kind: 'contact', id: '797' });
        await cache.lookup('+74951234567', search);
        expect(searches).toBe(3);
        await expect(cache.lookup('+74950000000', async () => { throw new Error('down'); })).rejects.toThrow('down');
        expect(await cache.lookup('+74950000000', search)).toEqual([hit('797')]);
    });
});
