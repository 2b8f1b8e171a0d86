/** GET /metrics in Prometheus text format (no auth, like /health; bind HTTP_HOST to loopback or firewall it). */
export function metricsRoutes(source) {
    return async (app) => {
        app.get('/metrics', {
            config: { auth: 'public', probe: true },
            schema: {
                summary: 'Prometheus metrics (text exposition format)', operationId: 'getMetrics', tags: ['probes'],
                produces: ['text/plain'],
                response: { 200: { description: 'pcb_* metrics', content: { 'text/plain': { schema: { type: 'string' } } } } },
            },
        }, async (_req, reply) => reply.header('content-type', source.contentType).send(await source.metrics()));
    };
}
