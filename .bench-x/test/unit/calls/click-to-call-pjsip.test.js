import { describe, expect, it } from 'vitest';
import { CallTracker } from '../../../src/calls/call-tracker.js';
import { parseTranscript } from '../../support/read-transcript.js';
import { endedCalls, replay } from './tracker-harness.js';
const PJSIP = {
    defaultCountry: 'RU', internalMaxLength: 4, trunkChannelPatterns: ['^PJSIP/SIP-TRUNK-'], trunkContextPatterns: ['-incoming$'],
};
const ONE = { name: 'Local/201@internal-originate-00000000;1', uid: 'c2c-7', cid: '79261112233', ctx: 'internal-originate', exten: '201', state: 6 };
const TWO = { name: 'Local/201@internal-originate-00000000;2', uid: 'c2c-7-2', cid: '79261112233', ctx: 'internal-originate', exten: '201', state: 6 };
const PHONE = { name: 'PJSIP/201-00000000', uid: 'pbx22-1796230000.2', cid: '201', ctx: 'all_peers', exten: 's', state: 0 };
const TRUNK = { name: 'PJSIP/SIP-TRUNK-1234-00000001', uid: 'pbx22-1796230000.3', cid: '', ctx: 'SIP-TRUNK-1234-incoming', exten: 's', state: 0 };
function chan(c, prefix = '') {
    return [`${prefix}Channel: ${c.name}`, `${prefix}ChannelState: ${c.state}`, `${prefix}CallerIDNum: ${c.cid || '<unknown>'}`,
        `${prefix}Context: ${c.ctx}`, `${prefix}Exten: ${c.exten}`, `${prefix}Uniqueid: ${c.uid}`, `${prefix}Linkedid: c2c-7`].join('\r\n');
}
/** The Originate the daemon sends with ORIGINATE_CHANNEL_TEMPLATE=Local/{ext}@internal-originate, as Asterisk 22 reports it. */
function clickToCall(operatorAnswers) {
    const t = (s) => `Timestamp: ${(1796230000 + s).toFixed(6)}`;
    const frames = [
        `Event: Newchannel\r\n${t(0)}\r\n${chan({ ...ONE, state: 0, cid: '' })}`,
        `Event: Newchannel\r\n${t(0)}\r\n${chan({ ...TWO, state: 4, cid: '' })}`,
        `Event: DialBegin\r\n${t(0)}\r\n${chan({ ...ONE, state: 0 }, 'Dest')}\r\nDialString: 201@internal-originate`,
        `Event: Newchannel\r\n${t(0)}\r\n${chan({ ...PHONE, cid: '' })}`,
        `Event: DialBegin\r\n${t(0)}\r\n${chan({ ...TWO, state: 4 })}\r\n${chan(PHONE, 'Dest')}\r\nDialString: 201`,
    ];
    if (!operatorAnswers) {
        return [...frames,
            `Event: DialEnd\r\n${t(30)}\r\n${chan({ ...TWO, state: 4 })}\r\n${chan({ ...PHONE, state: 5 }, 'Dest')}\r\nDialStatus: NOANSWER`,
            `Event: Hangup\r\n${t(30)}\r\n${chan({ ...PHONE, state: 5 })}\r\nCause: 19`,
            `Event: Hangup\r\n${t(30)}\r\n${chan({ ...TWO, state: 4 })}\r\nCause: 19`,
            `Event: DialEnd\r\n${t(30)}\r\n${chan({ ...ONE, state: 0 }, 'Dest')}\r\nDialStatus: NOANSWER`,
            `Event: Hangup\r\n${t(30)}\r\n${chan({ ...ONE, state: 0 })}\r\nCause: 19`,
        ].join('\r\n\r\n') + '\r\n\r\n';
    }
    const caller = { ...ONE, ctx: 'all_peers', exten: '79261112233' };
    return [...frames,
        `Event: DialEnd\r\n${t(3)}\r\n${chan({ ...TWO, state: 4 })}\r\n${chan({ ...PHONE, state: 6 }, 'Dest')}\r\nDialStatus: ANSWER`,
        `Event: DialEnd\r\n${t(3)}\r\n${chan(ONE, 'Dest')}\r\nDialStatus: ANSWER`,
        `Event: Newchannel\r\n${t(3)}\r\n${chan(TRUNK)}`,
        `Event: DialBegin\r\n${t(3)}\r\n${chan(caller)}\r\n${chan({ ...TRUNK, cid: '79261112233' }, 'Dest')}\r\nDialString: 79261112233@SIP-TRUNK-1234`,
        `Event: DialEnd\r\n${t(6)}\r\n${chan(caller)}\r\n${chan({ ...TRUNK, cid: '79261112233', state: 6 }, 'Dest')}\r\nDialStatus: ANSWER`,
        `Event: Hangup\r\n${t(16)}\r\n${chan({ ...TRUNK, state: 6 })}\r\nCause: 16`,
        `Event: Hangup\r\n${t(16)}\r\n${chan(caller)}\r\nCause: 16`,
        `Event: Hangup\r\n${t(16)}\r\n${chan(TWO)}\r\nCause: 16`,
        `Event: Hangup\r\n${t(16)}\r\n${chan({ ...PHONE, state: 6 })}\r\nCause: 16`,
    ].join('\r\n\r\n') + '\r\n\r\n';
}
describe('click-to-call to a PJSIP phone (Originate: operator leg first, then the dialled number)', () => {
    it('the operator\'s own phone is the caller, not a ring target; the outside number answers', () => {
        const out = replay(new CallTracker(PJSIP), parseTranscript(clickToCall(true)));
        const [ended] = endedCalls(out);
        expect(ended?.call).toMatchObject({
            id: 'c2c-7', direction: 'outbound', externalNumber: '+79261112233', callerExtension: '201',
            rang: [expect.objectContaining({ target: '+79261112233', outcome: 'answered' })], answeredBy: '+79261112233',
            disposition: 'answered', ringDurationSec: 6, talkDurationSec: 10,
        });
        expect(out.map((e) => e.stage)).toEqual(['ringing', 'answered', 'ended']);
    });
    it('an operator who does not pick up leaves a noanswer call with nobody rung', () => {
        const [ended] = endedCalls(replay(new CallTracker(PJSIP), parseTranscript(clickToCall(false))));
        expect(ended?.call).toMatchObject({ direction: 'internal', callerExtension: '201', rang: [], answeredBy: null, disposition: 'noanswer' });
    });
    it('click-to-call to a colleague (PJSIP/{ext} template): the operator is 201, though its CallerIDNum shows 202', () => {
        const t = (sec) => `Timestamp: ${(1796230000 + sec).toFixed(6)}`;
        const op = { name: 'PJSIP/201-00000004', uid: 'c2c-7', cid: '202', ctx: 'all_peers', exten: 's', state: 0 };
        const mate = { name: 'PJSIP/202-00000005', uid: 'pbx22-1796230000.5', cid: '202', ctx: 'all_peers', exten: 's', state: 0 };
        const up = { ...op, exten: '202', state: 6 };
        const text = [
            `Event: Newchannel\r\n${t(0)}\r\n${chan(op)}`,
            `Event: DialBegin\r\n${t(0)}\r\n${chan(op, 'Dest')}\r\nDialString: PJSIP/201`,
            `Event: DialEnd\r\n${t(2)}\r\n${chan({ ...op, state: 6 }, 'Dest')}\r\nDialStatus: ANSWER`,
            `Event: Newchannel\r\n${t(2)}\r\n${chan(mate)}`,
            `Event: DialBegin\r\n${t(2)}\r\n${chan(up)}\r\n${chan(mate, 'Dest')}\r\nDialString: 202`,
            `Event: DialEnd\r\n${t(5)}\r\n${chan(up)}\r\n${chan({ ...mate, state: 6 }, 'Dest')}\r\nDialStatus: ANSWER`,
            `Event: Hangup\r\n${t(9)}\r\n${chan({ ...mate, state: 6 })}\r\nCause: 16`,
            `Event: Hangup\r\n${t(9)}\r\n${chan(up)}\r\nCause: 16`,
        ].join('\r\n\r\n') + '\r\n\r\n';
        const [ended] = endedCalls(replay(new CallTracker(PJSIP), parseTranscript(text)));
        expect(ended?.call).toMatchObject({
            direction: 'internal', callerExtension: '201', rang: [expect.objectContaining({ target: '202', outcome: 'answered' })],
            answeredBy: '202', disposition: 'answered', talkDurationSec: 4,
        });
    });
});
