/** A ready instance reading its one PBX, with fresh figures; override what a test is about. */
export function aReadyReport(overrides = {}) {
    return {
        ready: true, redis: true, workers: 'running', ami: 'connected',
        pbx: [{ id: '127.0.0.1:5038', state: 'connected', leaseHolder: 'test', thisInstance: true, stale: false, ageMs: 0 }],
        queueDepth: 0, buffered: 0, failedJobs: 0, counts: { stale: false, ageMs: 0 },
        ...overrides,
    };
}
