import { Counter, Gauge } from 'prom-client';
/** Job states exported as pcb_queue_jobs{state}; the in-memory buffer has metrics of its own (pcb_event_buffer_*). */
const JOB_STATES = ['waiting', 'delayed', 'active', 'failed'];
/** A counter whose value is a monotonic count kept by another part, read at scrape time. */
function countedElsewhere(r, name, help, read) {
    new Counter({ name, help, registers: [r], collect() { this.reset(); this.inc(read()); } });
}
/** Metrics whose values the daemon's parts keep themselves (AMI connection, queue, event buffer). */
export function registerSourceMetrics(r, sources) {
    countedElsewhere(r, 'pcb_ami_events_total', 'AMI events received since start', () => sources.amiStats().eventsReceived);
    countedElsewhere(r, 'pcb_ami_malformed_frames_total', 'AMI frames that could not be parsed since start', () => sources.amiStats().malformedFrames);
    countedElsewhere(r, 'pcb_ami_reconnects_total', 'AMI reconnections since start', () => sources.amiStats().reconnects);
    const queue = new Gauge({ name: 'pcb_queue_jobs', help: 'Call-stage jobs in Redis by state (last known counts while Redis is away)', labelNames: ['state'], registers: [r], async collect() {
            const q = await sources.queueStats();
            for (const state of JOB_STATES)
                queue.set({ state }, q[state]);
        } });
    new Gauge({ name: 'pcb_event_buffer_events', help: 'Call events held in memory until Redis takes them', registers: [r], collect() { this.set(sources.bufferCounters().buffered); } });
    new Gauge({ name: 'pcb_event_buffer_capacity_events', help: 'Most call events the in-memory buffer holds (EVENT_BUFFER_MAX)', registers: [r], collect() { this.set(sources.bufferCapacity); } });
    countedElsewhere(r, 'pcb_event_buffer_accepted_total', 'Call events accepted into the in-memory buffer', () => sources.bufferCounters().accepted);
    countedElsewhere(r, 'pcb_event_buffer_flushed_total', 'Call events the buffer handed to Redis', () => sources.bufferCounters().flushed);
    countedElsewhere(r, 'pcb_event_buffer_dropped_total', 'Call events lost: buffer full, or given up after repeated Redis errors', () => sources.bufferCounters().dropped);
}
