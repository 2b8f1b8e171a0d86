import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CallEvent } from '../../../src/calls/call.js';
import { type CallTracker, type TrackerOptions, type TrackerPartsJson } from '../../../src/calls/call-tracker.js';
import type { AmiEvent } from '../../../src/pbx/ami-event.js';
import { FIXTURES_DIR } from '../../support/read-transcript.js';

/** Asterisk-22 files: trunk = contexts from-trunk (inbound) and pstn (outbound), Russian numbers. */
export const ASTERISK22: TrackerOptions = {
  defaultCountry: 'RU', internalMaxLength: 4, trunkChannelPatterns: [], trunkContextPatterns: ['^from-trunk$', '^pstn$'],
};

/**
 * cacofonisk: trunk channel voipgrid-siproute, inbound context voipgrid_in, outbound via Local/<n>@world_out, Dutch
 * numbers. Phones are accounts `SIP/1500100NN-…`: the rule gives 2NN, and the one exception (150010063 is 2401) is listed.
 */
export const CACOFONISK: TrackerOptions = {
  defaultCountry: 'NL', internalMaxLength: 4, trunkChannelPatterns: ['^SIP/voipgrid-siproute'], trunkContextPatterns: ['^voipgrid_in$', '^world_out$'],
  accountExtensions: { accounts: { '150010063': '2401' }, pattern: '^1500100(\\d\\d)$', template: '2$1', learn: true },
};

export function optionsFor(name: string): TrackerOptions {
  return name.startsWith('cacofonisk/') ? CACOFONISK : ASTERISK22;
}

/** Every transcript: the *.ami at the top level and every cacofonisk/<folder>/*.ami, without the extension. */
export function transcriptNames(): string[] {
  const top = readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.ami')).map((f) => f.slice(0, -4));
  const caco = readdirSync(FIXTURES_DIR + 'cacofonisk', { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(`${FIXTURES_DIR}cacofonisk/${d.name}`).filter((f) => f.endsWith('.ami'))
      .map((f) => `cacofonisk/${d.name}/${f.slice(0, -4)}`));
  return [...top.sort(), ...caco.sort()];
}

export function replay(tracker: CallTracker, events: readonly AmiEvent[]): CallEvent[] {
  return events.flatMap((ev) => tracker.apply(ev));
}

/** The `ended` events of a replay, one per call, in end order. */
/** The state as TrackerStore saves and loads it (the parts, after a JSON round trip). */
export function savedState(tracker: CallTracker): TrackerPartsJson {
  return JSON.parse(JSON.stringify(tracker.parts())) as TrackerPartsJson;
}

export function endedCalls(out: readonly CallEvent[]): CallEvent[] {
  return out.filter((e) => e.stage === 'ended');
}

/** One call as the hand-written expectation files describe it. */
export function summarize(out: readonly CallEvent[], ended: CallEvent, withDurations: boolean): Record<string, unknown> {
  const s = ended.call;
  const summary: Record<string, unknown> = {
    id: s.id, direction: s.direction, externalNumber: s.externalNumber, line: s.line, callerExtension: s.callerExtension,
    rang: s.rang.map((r) => `${r.target}:${r.outcome}`), answeredBy: s.answeredBy,
    transfers: s.transfers.map((t) => `${t.kind}:${t.fromExtension ?? ''}>${t.toTarget}`), queue: s.queue,
    disposition: s.disposition, hangupCause: s.hangupCause, recordingFile: s.recordingFile, crmCallId: s.crmCallId,
    endReason: ended.endReason, stages: out.filter((e) => e.call.id === s.id).map((e) => e.stage),
  };
  if (ended.mergedInto) summary['mergedInto'] = ended.mergedInto;
  if (withDurations) {
    summary['ringDurationSec'] = s.ringDurationSec;
    summary['talkDurationSec'] = s.talkDurationSec;
  }
  return summary;
}

const EXPECTED_DIR = fileURLToPath(new URL('./expected/', import.meta.url));
const CACO_SUMMARY_DIR = fileURLToPath(new URL('./expected-cacofonisk/', import.meta.url));

export function readExpected(name: string): Array<Record<string, unknown>> {
  return JSON.parse(readFileSync(`${EXPECTED_DIR}${name}.json`, 'utf8')) as Array<Record<string, unknown>>;
}

export function cacofoniskSummaryPath(name: string): string | null {
  const path = `${CACO_SUMMARY_DIR}${name.replace(/^cacofonisk\//, '')}.json`;
  return existsSync(path) ? path : null;
}
