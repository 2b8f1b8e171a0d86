import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FIXTURES_DIR } from '../../support/read-transcript.js';
/** Asterisk-22 files: trunk = contexts from-trunk (inbound) and pstn (outbound), Russian numbers. */
export const ASTERISK22 = {
    defaultCountry: 'RU', internalMaxLength: 4, trunkChannelPatterns: [], trunkContextPatterns: ['^from-trunk$', '^pstn$'],
};
/**
 * cacofonisk: trunk channel voipgrid-siproute, inbound context voipgrid_in, outbound via Local/<n>@world_out, Dutch
 * numbers. Phones are accounts `SIP/1500100NN-…`: the rule gives 2NN, and the one exception (150010063 is 2401) is listed.
 */
export const CACOFONISK = {
    defaultCountry: 'NL', internalMaxLength: 4, trunkChannelPatterns: ['^SIP/voipgrid-siproute'], trunkContextPatterns: ['^voipgrid_in$', '^world_out$'],
    accountExtensions: { accounts: { '150010063': '2401' }, pattern: '^1500100(\\d\\d)$', template: '2$1', learn: true },
};
export function optionsFor(name) {
    return name.startsWith('cacofonisk/') ? CACOFONISK : ASTERISK22;
}
/** Every transcript: the *.ami at the top level and every cacofonisk/<folder>/*.ami, without the extension. */
export function transcriptNames() {
    const top = readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.ami')).map((f) => f.slice(0, -4));
    const caco = readdirSync(FIXTURES_DIR + 'cacofonisk', { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .flatMap((d) => readdirSync(`${FIXTURES_DIR}cacofonisk/${d.name}`).filter((f) => f.endsWith('.ami'))
        .map((f) => `cacofonisk/${d.name}/${f.slice(0, -4)}`));
    return [...top.sort(), ...caco.sort()];
}
export function replay(tracker, events) {
    return events.flatMap((ev) => tracker.apply(ev));
}
/** The `ended` events of a replay, one per call, in end order. */
/** The state as TrackerStore saves and loads it (the parts, after a JSON round trip). */
export function savedState(tracker) {
    return JSON.parse(JSON.stringify(tracker.parts()));
}
export function endedCalls(out) {
    return out.filter((e) => e.stage === 'ended');
}
/** One call as the hand-written expectation files describe it. */
export function summarize(out, ended, withDurations) {
    const s = ended.call;
    const summary = {
        id: s.id, direction: s.direction, externalNumber: s.externalNumber, line: s.line, callerExtension: s.callerExtension,
        rang: s.rang.map((r) => `${r.target}:${r.outcome}`), answeredBy: s.answeredBy,
        transfers: s.transfers.map((t) => `${t.kind}:${t.fromExtension ?? ''}>${t.toTarget}`), queue: s.queue,
        disposition: s.disposition, hangupCause: s.hangupCause, recordingFile: s.recordingFile, crmCallId: s.crmCallId,
        endReason: ended.endReason, stages: out.filter((e) => e.call.id === s.id).map((e) => e.stage),
    };
    if (ended.mergedInto)
        summary['mergedInto'] = ended.mergedInto;
    if (withDurations) {
        summary['ringDurationSec'] = s.ringDurationSec;
        summary['talkDurationSec'] = s.talkDurationSec;
    }
    return summary;
}
const EXPECTED_DIR = fileURLToPath(new URL('./expected/', import.meta.url));
const CACO_SUMMARY_DIR = fileURLToPath(new URL('./expected-cacofonisk/', import.meta.url));
export function readExpected(name) {
    return JSON.parse(readFileSync(`${EXPECTED_DIR}${name}.json`, 'utf8'));
}
export function cacofoniskSummaryPath(name) {
    const path = `${CACO_SUMMARY_DIR}${name.replace(/^cacofonisk\//, '')}.json`;
    return existsSync(path) ? path : null;
}
