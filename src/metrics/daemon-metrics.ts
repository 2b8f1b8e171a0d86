import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** Figures read at scrape time from the parts that own them. */
export interface MetricSources {
  amiConnected(): boolean;
  amiStats(): { eventsReceived: number; malformedFrames: number; reconnects: number };
  openCalls(): number;
  queueStats(): Promise<{ waiting: number; delayed: number; active: number; failed: number; buffered: number; droppedFromBuffer: number }>;
}

/** The Prometheus registry of one daemon (no global registry: tests can build several). */
export class DaemonMetrics {
  readonly registry = new Registry();
  readonly callEvents: Counter<'stage'>;
  readonly syncedStages: Counter<'stage' | 'result'>;
  /** Refused HTTP authentications by route pattern (never the URL) and reason. */
  readonly authFailures: Counter<'route' | 'reason'>;
  /** Connections closed on arrival because HTTP_MAX_CONNECTIONS were open. */
  readonly httpConnectionsDropped: Counter;

  constructor(sources: MetricSources) {
    const r = this.registry;
    collectDefaultMetrics({ register: r, prefix: 'pcb_' });
    this.callEvents = new Counter({ name: 'pcb_call_events_total', help: 'Call events produced by the tracker', labelNames: ['stage'], registers: [r] });
    this.syncedStages = new Counter({ name: 'pcb_sync_stages_total', help: 'Call stages applied to the CRM', labelNames: ['stage', 'result'], registers: [r] });
    this.authFailures = new Counter({
      name: 'pcb_http_auth_failures_total', help: 'HTTP requests refused for a missing or wrong credential, by route pattern and reason',
      labelNames: ['route', 'reason'], registers: [r],
    });
    this.httpConnectionsDropped = new Counter({
      name: 'pcb_http_connections_dropped_total', help: 'HTTP connections closed on arrival because HTTP_MAX_CONNECTIONS were open', registers: [r],
    });
    new Gauge({ name: 'pcb_ami_connected', help: '1 while logged in to AMI', registers: [r], collect() { this.set(sources.amiConnected() ? 1 : 0); } });
    new Gauge({ name: 'pcb_open_calls', help: 'Calls the tracker is following', registers: [r], collect() { this.set(sources.openCalls()); } });
    const ami = new Gauge({ name: 'pcb_ami_total', help: 'AMI counters since start', labelNames: ['kind'], registers: [r], collect() {
      const s = sources.amiStats();
      ami.set({ kind: 'events' }, s.eventsReceived); ami.set({ kind: 'malformed_frames' }, s.malformedFrames); ami.set({ kind: 'reconnects' }, s.reconnects);
    } });
    const queue = new Gauge({ name: 'pcb_queue_jobs', help: 'Jobs by state, plus events buffered in memory while Redis is away', labelNames: ['state'], registers: [r], async collect() {
      const q = await sources.queueStats();
      for (const [state, n] of Object.entries(q)) queue.set({ state }, n);
    } });
  }

  get contentType(): string { return this.registry.contentType; }
  metrics(): Promise<string> { return this.registry.metrics(); }
}
