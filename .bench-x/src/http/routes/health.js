import { typedSchema } from '../typed-schema.js';
const AMI_STATES = ['connected', 'connecting', 'disconnected', 'auth-failed', 'not-asterisk', 'closed', 'standby'];
/** How fresh a figure read from Redis is: `stale` when this read failed, then the value is the last one read, `ageMs` old. */
const Freshness = {
    stale: { type: 'boolean' }, ageMs: { type: ['integer', 'null'], description: 'age of the value; null when never read' },
};
const CrmReadiness = {
    type: 'object', required: ['adapter', 'ok', 'problem'], description: 'the CRM\'s standing refusal (auth, scope, rights); it does not make the instance not ready',
    properties: {
        adapter: { type: 'string' },
        ok: { type: 'boolean', description: 'false while the CRM refuses a method until a setting changes' },
        problem: {
            type: ['object', 'null'], required: ['method', 'code', 'message', 'atMs'],
            properties: {
                method: { type: 'string' }, code: { type: 'string', description: 'the CRM\'s error code' },
                message: { type: 'string', description: 'what happened and the setting or action that fixes it' }, atMs: { type: 'integer' },
            },
        },
    },
};
export const ReadyReportSchema = typedSchema({
    type: 'object',
    required: ['status', 'ready', 'redis', 'workers', 'ami', 'pbx', 'queueDepth', 'buffered', 'failedJobs', 'counts'],
    properties: {
        status: { type: 'string', enum: ['ready', 'not_ready'] },
        ready: { type: 'boolean', description: 'Redis answers and the sync workers run (AMI is not required)' },
        redis: { type: 'boolean' },
        workers: { type: 'string', enum: ['running', 'stopped', 'off'], description: '`off`: this instance runs no workers' },
        ami: { type: 'string', enum: AMI_STATES, description: 'AMI state of the first PBX (same as pbx[0].state)' },
        pbx: {
            type: 'array',
            items: {
                type: 'object', required: ['id', 'state', 'leaseHolder', 'thisInstance', 'stale', 'ageMs'],
                properties: {
                    id: { type: 'string', description: 'AMI host:port, or the deployment file\'s PBX id' },
                    tenant: { type: 'string', description: 'the deployment file\'s tenant of this PBX' },
                    state: { type: 'string', enum: AMI_STATES, description: '`standby`: another instance holds the lease' },
                    leaseHolder: { type: ['string', 'null'], description: 'instance reading this PBX (INSTANCE_ID)' },
                    thisInstance: { type: 'boolean' },
                    ...Freshness,
                },
            },
        },
        queueDepth: { type: 'integer', description: 'call stages waiting, delayed, running or still in memory' },
        buffered: { type: 'integer', description: 'call events in memory, not yet in Redis' },
        failedJobs: { type: 'integer' },
        counts: { type: 'object', required: ['stale', 'ageMs'], properties: Freshness, description: 'freshness of the job counts' },
        tenants: {
            type: 'array', description: 'a deployment file\'s tenants: each one\'s queue and CRM',
            items: {
                type: 'object', required: ['id', 'queueDepth', 'failedJobs'],
                properties: {
                    id: { type: 'string' }, queueDepth: { type: 'integer' }, failedJobs: { type: 'integer' },
                    crm: CrmReadiness,
                },
            },
        },
        crm: CrmReadiness,
    },
});
const HealthSchema = typedSchema({ type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } });
/** GET /health: the process answers. GET /ready: 200 when this instance can serve HTTP and run jobs, 503 otherwise. */
export function healthRoutes(readiness) {
    return async (app) => {
        app.get('/health', {
            config: { auth: 'public', probe: true },
            schema: { summary: 'Liveness: the process answers', operationId: 'getHealth', tags: ['probes'], response: { 200: HealthSchema } },
        }, async () => ({ status: 'ok' }));
        app.get('/ready', {
            config: { auth: 'public', probe: true },
            schema: {
                summary: 'Readiness: Redis reachable and workers running, with the PBX state and the backlog',
                operationId: 'getReady', tags: ['probes'], response: { 200: ReadyReportSchema, 503: ReadyReportSchema },
            },
        }, async (_req, reply) => {
            const report = await readiness();
            const body = { status: report.ready ? 'ready' : 'not_ready', ...report };
            return reply.code(report.ready ? 200 : 503).send(body);
        });
    };
}
