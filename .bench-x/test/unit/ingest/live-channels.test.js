import { describe, expect, it } from 'vitest';
import { liveAfterWindow } from '../../../src/ingest/live-channels.js';
const ev = (name, uid) => ({ name, fields: { uniqueid: uid, channel: `PJSIP/x-${uid}` }, multi: {}, vars: {}, timeMs: 0 });
describe('liveAfterWindow', () => {
    it('drops listed channels that hung up during the window and adds channels born in it', () => {
        const listed = [ev('CoreShowChannel', 'a'), ev('CoreShowChannel', 'b')];
        const during = [ev('Hangup', 'a'), ev('Newchannel', 'c'), ev('Newstate', 'c'), ev('Newchannel', 'd'), ev('Hangup', 'd')];
        const live = liveAfterWindow(listed, during);
        expect(live.map((e) => e.fields['uniqueid'])).toEqual(['b', 'c']);
        expect(live[1]?.name).toBe('Newstate'); // the latest snapshot of c
    });
    it('does not take a stray event about an unseen channel for a live one', () => {
        expect(liveAfterWindow([], [ev('Newstate', 'ghost')])).toEqual([]);
    });
});
