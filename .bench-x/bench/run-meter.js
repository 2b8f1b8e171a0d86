/** Wall time, CPU time and peak RSS of one benchmark run in this process. */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
export const EMPTY_METER = {
    wallMs: 0, cpuMs: 0, peakRssBytes: 0, startRssBytes: 0, loopDelayP99Ms: 0, loopDelayMaxMs: 0, involuntaryContextSwitches: 0,
};
export function percentile(sorted, p) {
    if (sorted.length === 0)
        return 0;
    return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}
/** Sorted copy of the first `count` values. */
export function sortedPrefix(values, count) {
    return values.slice(0, count).sort();
}
/** monitorEventLoopDelay's timer period: what it records includes the period itself (10.2 ms on an idle loop). */
const LOOP_TICK_MS = 10;
function beyondTick(ns) {
    return Math.max(0, ns / 1e6 - LOOP_TICK_MS);
}
/** Samples RSS every `everyMs` (and whenever sample() is called) from start until stop(). */
export class RunMeter {
    startRss = process.memoryUsage.rss();
    peakRss = this.startRss;
    timer;
    cpuStart = process.cpuUsage();
    wallStart = performance.now();
    switchesStart = process.resourceUsage().involuntaryContextSwitches;
    loopDelay = monitorEventLoopDelay({ resolution: LOOP_TICK_MS });
    constructor(everyMs = 20) {
        this.timer = setInterval(() => this.sample(), everyMs);
        this.loopDelay.enable();
    }
    sample() {
        const rss = process.memoryUsage.rss();
        if (rss > this.peakRss)
            this.peakRss = rss;
    }
    stop() {
        clearInterval(this.timer);
        this.loopDelay.disable();
        this.sample();
        const cpu = process.cpuUsage(this.cpuStart);
        return {
            wallMs: performance.now() - this.wallStart, cpuMs: (cpu.user + cpu.system) / 1000, peakRssBytes: this.peakRss, startRssBytes: this.startRss,
            loopDelayP99Ms: beyondTick(this.loopDelay.percentile(99)), loopDelayMaxMs: beyondTick(this.loopDelay.max),
            involuntaryContextSwitches: process.resourceUsage().involuntaryContextSwitches - this.switchesStart,
        };
    }
}
