import { describe, expect, it } from 'vitest';
import { bitrix24EntityUrl } from '../../../src/crm/bitrix24/entity-url.js';
import { onlyofficeEntityUrl } from '../../../src/crm/onlyoffice/entity-url.js';
describe('CRM links of a card', () => {
    it('opens the Bitrix24 entity on the portal, never showing the webhook secret', () => {
        const url = bitrix24EntityUrl('https://acme.bitrix24.ru/rest/1/s3cr3tWebhook/', { kind: 'contact', id: '42' });
        expect(url).toBe('https://acme.bitrix24.ru/crm/contact/details/42/');
        expect(bitrix24EntityUrl('https://acme.bitrix24.ru/rest/', { kind: 'deal', id: '7' })).toBe('https://acme.bitrix24.ru/crm/deal/details/7/');
    });
    it('opens persons and companies on ONLYOFFICE Default.aspx, deals on Deals.aspx', () => {
        expect(onlyofficeEntityUrl('https://office.example.com', { kind: 'contact', id: '15' })).toBe('https://office.example.com/Products/CRM/Default.aspx?id=15');
        expect(onlyofficeEntityUrl('https://office.example.com', { kind: 'deal', id: '3' })).toBe('https://office.example.com/Products/CRM/Deals.aspx?id=3');
    });
});
