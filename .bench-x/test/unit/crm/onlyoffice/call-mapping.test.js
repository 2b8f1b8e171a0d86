import { describe, expect, it } from 'vitest';
import { attachmentOf, historyContent, journalCallId, journalParties, phoneSearchText, samePhone } from '../../../../src/crm/onlyoffice/call-mapping.js';
const end = (o = {}) => ({
    extension: '201', talkDurationSec: 95, disposition: 'answered', hangupCause: 16, endedAtMs: 100_000, direction: 'inbound',
    phone: '+79991234567', line: null, startedAtMs: 0, answeredAtMs: 5000, recordingFile: o.recordingFiles?.[0] ?? null, recordingFiles: [], ...o,
});
describe('ONLYOFFICE call mapping', () => {
    it('makes the journal call id match \\w+', () => {
        expect(journalCallId('1773130770.42')).toBe('1773130770_42');
        expect(journalCallId('mikopbx-1773130770.42')).toBe('mikopbx_1773130770_42');
    });
    it('searches by the last 10 digits and re-checks numbers whatever their formatting', () => {
        expect(phoneSearchText('+79991234567')).toBe('9991234567');
        expect(phoneSearchText('+3120123')).toBe('3120123');
        expect(samePhone('+7 (999) 123-45-67', '+79991234567')).toBe(true);
        expect(samePhone('8 999 123 45 67', '+79991234567')).toBe(true);
        expect(samePhone('+79991234568', '+79991234567')).toBe(false);
        expect(samePhone('1234567', '+79991234567')).toBe(false);
        expect(samePhone('', '+79991234567')).toBe(false);
    });
    it('puts the client on the far side of the journal entry', () => {
        expect(journalParties({ direction: 'inbound', phone: '+7999', line: null, extension: '201' })).toEqual({ from: '+7999', to: '201' });
        expect(journalParties({ direction: 'outbound', phone: '+7999', line: '7495', extension: '201' })).toEqual({ from: '7495', to: '+7999' });
    });
    it('describes each kind of call in the history text', () => {
        expect(historyContent('c1', end())).toBe('Incoming call from +79991234567, 95 s, answered by 201. Call id: c1');
        expect(historyContent('c1', end({ disposition: 'busy', answeredAtMs: null, talkDurationSec: 0, endedAtMs: 12_400, extension: null })))
            .toBe('Missed incoming call from +79991234567, rang 12 s (busy), responsible nobody. Call id: c1');
        expect(historyContent('c1', end({ direction: 'outbound', disposition: 'noanswer', answeredAtMs: null, recordingFile: 'https://r/x.mp3', recordingFiles: ['https://r/x.mp3'] })))
            .toBe('Outgoing call to +79991234567 by 201, not answered (noanswer). Recording: https://r/x.mp3 Call id: c1');
    });
    it('attaches to a contact, a company or an opportunity, else to the contact ONLYOFFICE created', () => {
        expect(attachmentOf({ kind: 'company', id: '12' }, null)).toEqual({ contactId: 12 });
        expect(attachmentOf({ kind: 'deal', id: '7' }, '5')).toEqual({ entityType: 'opportunity', entityId: 7 });
        expect(attachmentOf(null, '5')).toEqual({ contactId: 5 });
        expect(attachmentOf(null, '')).toBeNull();
    });
});
