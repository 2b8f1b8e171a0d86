import type { CallRecord } from '../journal/call-record.js';
import { displayPhone } from './phone-display.js';

/** A journal call as the console's pages show it. */
export interface JournalRow {
  readonly id: string;
  readonly startedAtMs: number;
  readonly direction: CallRecord['direction'];
  readonly number: string;
  readonly numberE164: string | null;
  readonly line: string | null;
  readonly queue: string | null;
  readonly agent: string | null;
  readonly agentName: string | null;
  readonly disposition: CallRecord['disposition'];
  readonly ringDurationSec: number | null;
  readonly talkDurationSec: number | null;
  /** Console URLs of the call's recordings (played after a session check). */
  readonly recordings: readonly string[];
}

export function journalRow(r: CallRecord, nameOf: (ext: string) => string, playable: boolean): JournalRow {
  const number = r.externalNumber ?? r.callerExtension ?? '';
  return {
    id: r.id, startedAtMs: r.startedAtMs, direction: r.direction, number: displayPhone(number), numberE164: r.externalNumber,
    line: r.line ? displayPhone(r.line) : null, queue: r.queue, agent: r.agent, agentName: r.agent ? nameOf(r.agent) : null,
    disposition: r.disposition, ringDurationSec: r.ringDurationSec, talkDurationSec: r.talkDurationSec,
    recordings: playable ? r.recordingFiles.map((_, i) => `/console/recordings/${encodeURIComponent(r.id)}/${i}`) : [],
  };
}

export const JournalRowSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, startedAtMs: { type: 'number' }, direction: { type: 'string' }, number: { type: 'string' },
    numberE164: { type: ['string', 'null'] }, line: { type: ['string', 'null'] }, queue: { type: ['string', 'null'] },
    agent: { type: ['string', 'null'] }, agentName: { type: ['string', 'null'] }, disposition: { type: ['string', 'null'] },
    ringDurationSec: { type: ['number', 'null'] }, talkDurationSec: { type: ['number', 'null'] },
    recordings: { type: 'array', items: { type: 'string' } }, done: { type: 'boolean' },
  },
} as const;
