import { describe, expect, it } from 'vitest';
import { ExtensionAvailability } from '../../../src/routing/extension-availability.js';
import { readTranscript } from '../../support/read-transcript.js';
import { FakeAmiClient } from '../http/call-control-app.js';
const DEFAULT_PATTERN = '^(?:PJSIP|SIP|IAX2|Local)/(\\d{1,9})(?:@[^/;-]+)?$';
function ev(name, fields) {
    const lower = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), v]));
    return { name, fields: lower, multi: {}, vars: {}, timeMs: 0 };
}
function tracker() {
    return new ExtensionAvailability({ devicePattern: DEFAULT_PATTERN });
}
/** Replays a fixture and records 201's state after each event. */
async function statesOf(file, extension) {
    const t = tracker();
    const seen = [];
    for (const e of await readTranscript(file)) {
        t.handle(e);
        const s = t.stateOf(extension);
        if (seen[seen.length - 1] !== s)
            seen.push(s);
    }
    return seen;
}
/** cacofonisk phones are accounts `SIP/1500100NN`: rule 2NN, and 150010063 listed as 2401 (tracker-harness CACOFONISK). */
function accountNamed() {
    return new ExtensionAvailability({ devicePattern: DEFAULT_PATTERN, accounts: { accounts: { '150010063': '2401' }, pattern: '^1500100(\\d\\d)$', template: '2$1', learn: true } });
}
describe('ExtensionAvailability', () => {
    it('sees 201 busy while it takes a call and free again afterwards (inbound-answered.ami)', async () => {
        expect(await statesOf('inbound-answered.ami', '201')).toEqual(['unknown', 'busy', 'free']);
    });
    it('sees 201 busy while it is rung and busy (inbound-busy.ami), then free', async () => {
        const states = await statesOf('inbound-busy.ami', '201');
        expect(states).toContain('busy');
        expect(states[states.length - 1]).toBe('free');
    });
    it('marks the operator of a click-to-call busy for the whole call (click-to-call.ami)', async () => {
        const t = tracker();
        const events = await readTranscript('click-to-call.ami');
        const answered = events.findIndex((e) => e.name === 'BridgeEnter');
        for (const e of events.slice(0, answered + 1))
            t.handle(e);
        expect(t.isFree('201')).toBe(false);
        for (const e of events.slice(answered + 1))
            t.handle(e);
        expect(t.isFree('201')).toBe(true);
    });
    it('keeps 201 busy from its live channels when state events are filtered out', async () => {
        const t = tracker();
        const events = (await readTranscript('inbound-answered.ami')).filter((e) => e.name !== 'DeviceStateChange');
        const firstHangup = events.findIndex((e) => e.name === 'Hangup');
        for (const e of events.slice(0, firstHangup))
            t.handle(e);
        expect(t.stateOf('201')).toBe('busy');
        for (const e of events.slice(firstHangup))
            t.handle(e);
        expect(t.stateOf('201')).toBe('unknown');
        expect(t.isFree('201')).toBe(true);
    });
    it('reads DeviceStateChange for PJSIP devices', () => {
        const t = tracker();
        t.handle(ev('DeviceStateChange', { Device: 'PJSIP/201', State: 'UNAVAILABLE' }));
        expect(t.stateOf('201')).toBe('unavailable');
        t.handle(ev('DeviceStateChange', { Device: 'PJSIP/201', State: 'RINGING' }));
        expect(t.stateOf('201')).toBe('ringing');
        expect(t.isFree('201')).toBe(false);
        t.handle(ev('DeviceStateChange', { Device: 'PJSIP/201', State: 'NOT_INUSE' }));
        expect(t.isFree('201')).toBe(true);
        t.handle(ev('DeviceStateChange', { Device: 'PJSIP/SIP-TRUNK-A2DDBADA', State: 'INUSE' }));
        expect(t.stateOf('201')).toBe('free');
    });
    it('knows a phone named by its account code as its extension, by the tracker\'s ACCOUNT_CODE_* rules', () => {
        const t = accountNamed();
        t.handle(ev('DeviceStateChange', { Device: 'SIP/150010001', State: 'INUSE' }));
        expect(t.stateOf('201')).toBe('busy');
        expect(t.stateOf('150010001')).toBe('unknown');
        t.handle(ev('DeviceStateChange', { Device: 'SIP/150010063', State: 'UNAVAILABLE' })); // the listed exception: 2401
        expect(t.stateOf('2401')).toBe('unavailable');
        t.handle(ev('DeviceStateChange', { Device: 'PJSIP/202', State: 'RINGING' })); // not an account: the pattern
        expect(t.stateOf('202')).toBe('ringing');
    });
    it('keeps an account-named phone busy from its live channels (cacofonisk ab_a_cancel: SIP/150010001 calls 202)', async () => {
        const t = accountNamed();
        const events = await readTranscript('cacofonisk/simple/ab_a_cancel.ami');
        const firstHangup = events.findIndex((e) => e.name === 'Hangup');
        for (const e of events.slice(0, firstHangup))
            t.handle(e);
        expect(t.stateOf('201')).toBe('busy'); // SIP/150010001-00000002, the caller
        expect(t.stateOf('202')).toBe('busy'); // SIP/150010002-00000003, rung
        for (const e of events.slice(firstHangup))
            t.handle(e);
        expect(t.isFree('201')).toBe(true);
        expect(t.isFree('202')).toBe(true);
    });
    it('reads ExtensionStatus hint states', () => {
        const t = tracker();
        t.handle(ev('ExtensionStatus', { Exten: '202', Context: 'ext-local', Hint: 'PJSIP/202', Status: '1', StatusText: 'InUse' }));
        expect(t.stateOf('202')).toBe('busy');
        t.handle(ev('ExtensionStatus', { Exten: '202', Context: 'ext-local', Hint: 'PJSIP/202', Status: '4', StatusText: 'Unavailable' }));
        expect(t.stateOf('202')).toBe('unavailable');
        t.handle(ev('ExtensionStatus', { Exten: '202', Context: 'ext-local', Hint: 'PJSIP/202', Status: '0', StatusText: 'Idle' }));
        expect(t.stateOf('202')).toBe('free');
    });
    it('treats presence `dnd` as not free until it changes', () => {
        const t = tracker();
        t.handle(ev('PresenceStateChange', { Presentity: 'CustomPresence:203', Status: 'dnd', Subtype: '', Message: '' }));
        expect(t.stateOf('203')).toBe('dnd');
        expect(t.isFree('203')).toBe(false);
        t.handle(ev('PresenceStateChange', { Presentity: 'CustomPresence:203', Status: 'available', Subtype: '', Message: '' }));
        expect(t.isFree('203')).toBe(true);
    });
    it('forgets everything on reconnect, since events were lost meanwhile', () => {
        const ami = new FakeAmiClient();
        const t = tracker();
        const detach = t.attach(ami);
        ami.emit(ev('DeviceStateChange', { Device: 'PJSIP/201', State: 'INUSE' }));
        expect(t.isFree('201')).toBe(false);
        ami.reconnect();
        expect(t.stateOf('201')).toBe('unknown');
        detach();
        ami.emit(ev('DeviceStateChange', { Device: 'PJSIP/201', State: 'INUSE' }));
        expect(t.isFree('201')).toBe(true);
    });
});
