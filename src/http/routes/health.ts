import type { FastifyInstance } from 'fastify';

export interface ReadyReport {
  readonly ami: 'connected' | 'connecting' | 'disconnected' | 'auth-failed' | 'not-asterisk' | 'closed' | 'standby';
  readonly redis: boolean;
  readonly queueDepth: number;
  readonly buffered: number;
  readonly failedJobs: number;
}

export type Readiness = () => Promise<ReadyReport>;

/** GET /health: the process answers. GET /ready: AMI connected and Redis reachable (503 otherwise), with the backlog. */
export function healthRoutes(readiness: Readiness) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/health', { config: { auth: 'public' } }, async () => ({ status: 'ok' }));
    app.get('/ready', { config: { auth: 'public' } }, async (_req, reply) => {
      const report = await readiness();
      const ready = (report.ami === 'connected' || report.ami === 'standby') && report.redis;
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', ...report });
    });
  };
}
