import { describe, expect, it } from 'vitest';
import { CallTracker } from '../../../src/calls/call-tracker.js';
import { TrunkRules } from '../../../src/calls/direction.js';
import { readTranscript } from '../../support/read-transcript.js';
import { ASTERISK22, CACOFONISK, endedCalls, replay } from './tracker-harness.js';
describe('TrunkRules', () => {
    it('matches trunk channels by name and trunk legs by their first context', () => {
        const rules = new TrunkRules(CACOFONISK);
        expect(rules.isTrunkLeg('SIP/voipgrid-siproute-docker-00000025', 'voipgrid_in')).toBe(true);
        expect(rules.isTrunkLeg('SIP/voipgrid-siproute-ams-00000001', '')).toBe(true);
        expect(rules.isTrunkLeg('Local/+31260010001@world_out-00000014;1', 'world_out')).toBe(true);
        expect(rules.isTrunkLeg('SIP/150010001-00000004', 'osvpi_account')).toBe(false);
        expect(rules.usesLengthFallback).toBe(false);
    });
    it('falls back on number length when no trunk pattern is configured', () => {
        const rules = new TrunkRules({ internalMaxLength: 4, trunkChannelPatterns: [], trunkContextPatterns: [] });
        expect(rules.usesLengthFallback).toBe(true);
        expect(rules.isTrunkLeg('PJSIP/SIP-TRUNK-A2DDBADA-00000010', 'SIP-TRUNK-A2DDBADA-incoming')).toBe(false);
        expect(rules.isExternalNumber('79001234567')).toBe(true);
        expect(rules.isExternalNumber('+79001234567')).toBe(true);
        expect(rules.isExternalNumber('201')).toBe(false);
        expect(rules.isExternalNumber('s')).toBe(false);
    });
});
describe('direction without trunk patterns (number-length fallback)', () => {
    const noPatterns = { ...ASTERISK22, trunkContextPatterns: [] };
    it.each([
        ['inbound-answered', 'inbound', '+74951234567', null],
        ['outbound', 'outbound', '+74951112233', '201'],
        ['click-to-call', 'outbound', '+74951112233', '201'],
    ])('%s is %s', async (name, direction, externalNumber, callerExtension) => {
        const out = replay(new CallTracker(noPatterns), await readTranscript(`${name}.ami`));
        const [ended] = endedCalls(out);
        expect(ended?.call).toMatchObject({ direction, externalNumber, callerExtension, disposition: 'answered' });
    });
});
