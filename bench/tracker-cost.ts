/**
 * In-process costs behind bench/ingest's figures, without TCP or Redis: CallTracker.apply per event, our own frame
 * parser (ami-normalize parseFrameText + toAmiEvent) per frame, and the tracker snapshot CallIngest writes every
 * saveEveryMs (toJSON + JSON.stringify) with `calls` calls open.
 */
import { performance } from 'node:perf_hooks';
import { CallTracker, type TrackerOptions } from '../src/calls/call-tracker.js';
import { parseFrameText, toAmiEvent } from '../src/pbx/ami-normalize.js';
import { buildRound, readTranscripts } from './load-frames.js';

export interface TrackerCost {
  readonly openCalls: number;
  readonly applyUsPerEvent: number;
  readonly parseUsPerFrame: number;
  readonly toJsonMs: number;
  readonly stringifyMs: number;
  readonly snapshotBytes: number;
}

function median(values: number[]): number {
  return values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}

/** Feeds the first third of one round (every call started, few ended) and times the snapshot five times. */
export async function measureTrackerCost(paths: readonly string[], calls: number, options: TrackerOptions): Promise<TrackerCost> {
  const round = buildRound(await readTranscripts(paths), calls, 0);
  const frames = round.slice(0, Math.floor(round.length / 3));
  const tracker = new CallTracker(options);
  let parseMs = 0;
  let applyMs = 0;
  frames.forEach((text, i) => {
    const t0 = performance.now();
    const ev = toAmiEvent(parseFrameText(text), 1_795_000_000_000 + i);
    const t1 = performance.now();
    if (ev) tracker.apply(ev);
    parseMs += t1 - t0;
    applyMs += performance.now() - t1;
  });
  const applyUsPerEvent = (applyMs * 1000) / frames.length;
  const usPerFrame = (parseMs * 1000) / frames.length;
  const toJson: number[] = [];
  const stringify: number[] = [];
  let snapshotBytes = 0;
  for (let i = 0; i < 5; i += 1) {
    const t0 = performance.now();
    const state = tracker.toJSON();
    const t1 = performance.now();
    snapshotBytes = Buffer.byteLength(JSON.stringify(state));
    toJson.push(t1 - t0);
    stringify.push(performance.now() - t1);
  }
  return {
    openCalls: tracker.openCallCount, applyUsPerEvent, parseUsPerFrame: usPerFrame,
    toJsonMs: median(toJson), stringifyMs: median(stringify), snapshotBytes,
  };
}
