import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { amiFixture } from '../../support/ami-replay.js';
import { fixtureWithLeadIn, startDaemonThenPbx, waitForJournal } from '../../support/test-daemon.js';
/**
 * The transcripts' calls come in on line 4951230000 on Monday 2026-11-23 at about 06:02 UTC, 09:02 in Moscow
 * (startedAtMs 1795413735221 and 1795413749280); the line opens at 10:00 Moscow time.
 */
function rulesFile() {
    const dir = mkdtempSync(join(tmpdir(), 'pcb-rules-'));
    const path = join(dir, 'rules.json');
    writeFileSync(path, JSON.stringify({
        lines: [{ dids: ['84951230000'], timeZone: 'Europe/Moscow', hours: { mon: ['10:00-18:00'] }, closed: { context: 'vm-main', exten: '100' } }],
    }));
    return path;
}
describe('the journal marks missed calls out of hours with the rules file\'s calendar', () => {
    it('marks the missed inbound call that came before opening time, not the answered one', async () => {
        const transcripts = [fixtureWithLeadIn('inbound-answered.ami', 10), amiFixture('inbound-missed.ami')];
        const { daemon, pbx } = await startDaemonThenPbx({ transcripts, speed: 50 }, { env: { RULES_FILE: rulesFile() } });
        await pbx.finished;
        const records = await waitForJournal(daemon, 2);
        const byId = new Map(records.map((r) => [r.id, r]));
        expect(byId.get('1795413749.0')).toMatchObject({ disposition: 'missed', line: '4951230000', outOfHours: true });
        expect(byId.get('1795413735.0')?.disposition).toBe('answered');
        expect(byId.get('1795413735.0')).not.toHaveProperty('outOfHours');
        const api = await daemon.get('/v1/calls/1795413749.0');
        expect(api.body).toMatchObject({ outOfHours: true });
    });
});
