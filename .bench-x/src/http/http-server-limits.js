/** How often node checks the headers/request deadlines: often enough that they hold within about a quarter of them. */
export function checkingIntervalMs(limits) {
    return Math.max(10, Math.min(1000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4)));
}
/** The fastify/node server options for these limits (server.maxConnections is set on the built server). */
export function httpServerOptions(limits) {
    return {
        connectionTimeout: limits.idleTimeoutMs,
        keepAliveTimeout: limits.keepAliveTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        maxRequestsPerSocket: limits.maxRequestsPerSocket,
        http: { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: checkingIntervalMs(limits) },
    };
}
