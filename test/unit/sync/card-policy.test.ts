import { describe, expect, it } from 'vitest';
import { cardTargets, cardsOnRegister, cardsToHideOnAnswer, cardsToHideOnEnd } from '../../../src/sync/card-policy.js';
import { aCall, aCallEvent, aRing } from '../../../harness/call-builders.js';

describe('card policy', () => {
  it('shows the card to every extension that starts ringing', () => {
    const call = aCall({ rang: [aRing('201'), aRing('202')] });
    expect(cardTargets(aCallEvent('ringing', call, 0, { ringingTargets: ['202', '203'] }))).toEqual(['202', '203']);
    expect(cardTargets(aCallEvent('ringing', call))).toEqual(['201', '202']);
  });

  it('shows the card of an outbound call to the caller only', () => {
    const call = aCall({ direction: 'outbound', callerExtension: '204', rang: [aRing('+74957654321')] });
    expect(cardTargets(aCallEvent('ringing', call, 0, { ringingTargets: ['+74957654321'] }))).toEqual(['204']);
  });

  it('shows the card with the registration to those ringing, and to nobody when the first stage seen is the end', () => {
    const call = aCall({ rang: [aRing('201'), aRing('202')] });
    expect(cardsOnRegister(aCallEvent('ringing', call, 0, { ringingTargets: ['201', '202'] }))).toEqual(['201', '202']);
    expect(cardsOnRegister(aCallEvent('ended', { ...call, endedAtMs: call.startedAtMs + 9000 }))).toEqual([]);
  });

  it('hides the card from everyone but the answerer', () => {
    const call = aCall({ answeredBy: '202' });
    expect(cardsToHideOnAnswer(['201', '202', '203'], call)).toEqual(['201', '203']);
    expect(cardsToHideOnEnd(['201', '202'], '202')).toEqual(['201']);
  });
});
