import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';
import type { RouteAnswer } from '../routing/route-policy.js';
import { AgiSession, type AgiEnvironment } from './agi-session.js';

export interface AgiRouter { lookup(phone: string, did: string | null): Promise<RouteAnswer> }

export interface FastAgiDeps {
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly router: AgiRouter;
  /** Several tenants: the router of the tenant named by the script's first segment (`agi://…/acme/route`), or null. */
  readonly routerFor?: (networkScript: string) => AgiRouter | null;
  /** ROUTE_DIAL_SECONDS, handed to the dialplan as ${ROUTE_DIAL_SECONDS}. */
  readonly dialSeconds: number;
  readonly log: Logger;
  /** Deadline for Asterisk to send the agi_* block and to answer each command. */
  readonly ioTimeoutMs?: number;
  readonly maxConnections?: number;
  /** Called once per session that received its agi_* block, with the time from connection to the answer (or failure). */
  readonly onAnswered?: (durationMs: number) => void;
}

export interface FastAgiServer {
  readonly port: number;
  close(): Promise<void>;
}

const DIGITS = /^\d{1,9}$/;

/** The caller: `agi_arg_1` when the dialplan passes one (`AGI(agi://…/route,${CALLERID(num)})`), else `agi_callerid`. */
function callerOf(env: AgiEnvironment): string {
  const arg = env['arg_1'];
  if (arg !== undefined && arg !== '') return arg;
  return env['callerid'] ?? '';
}

/** The line: `agi_arg_2` (`AGI(agi://…/route,${CALLERID(num)},${DID})`), else the dialled number `agi_dnid`. */
function didOf(env: AgiEnvironment): string | null {
  const did = env['arg_2'] || env['dnid'] || '';
  return did === '' || did === 'unknown' ? null : did;
}

/** The channel variables of one answer, in the order they are set (values: no quote or CR/LF can occur in them). */
function variablesOf(found: RouteAnswer, dialSeconds: number): ReadonlyArray<readonly [string, string]> {
  const extension = found.extension !== null && DIGITS.test(found.extension) ? found.extension : '';
  return [
    ['ROUTE_EXTENSION', extension], ['ROUTE_DIAL_SECONDS', String(dialSeconds)], ['ROUTE_SOURCE', found.source],
    ['ROUTE_CALLER_NAME', found.callerName ?? ''], ['ROUTE_OPEN', found.open ? '1' : '0'],
    ['ROUTE_GOTO_CONTEXT', found.destination?.context ?? ''], ['ROUTE_GOTO_EXTEN', found.destination?.exten ?? ''],
    ['ROUTE_RULE', found.rule ?? ''],
  ];
}

/**
 * FastAGI for PBXs without func_curl (MikoPBX): `AGI(agi://127.0.0.1:4573/route,<caller>,<DID>)` sets the channel
 * variables ROUTE_EXTENSION (digits, or empty when nobody should be rung), ROUTE_DIAL_SECONDS, ROUTE_SOURCE,
 * ROUTE_CALLER_NAME, ROUTE_OPEN (1/0), ROUTE_GOTO_CONTEXT + ROUTE_GOTO_EXTEN (a destination, or empty) and
 * ROUTE_RULE, then hangs up the AGI connection so the dialplan continues.
 */
export async function startFastAgiServer(deps: FastAgiDeps): Promise<FastAgiServer> {
  const log = deps.log.child({ component: 'fastagi' });
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    void serve(socket, deps, log);
  });
  server.maxConnections = deps.maxConnections ?? 256;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, deps.host, () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ host: deps.host, port }, 'FastAGI server listening');
  return {
    port,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

async function serve(socket: Socket, deps: FastAgiDeps, log: Logger): Promise<void> {
  const ioTimeoutMs = deps.ioTimeoutMs ?? 5000;
  const startedAt = performance.now();
  const session = new AgiSession(socket);
  let asked = false;
  try {
    const env = await session.readEnvironment(ioTimeoutMs);
    if (!env) {
      log.warn('FastAGI peer sent no agi_* environment in time; closing');
      return;
    }
    asked = true;
    const router = deps.routerFor ? deps.routerFor(env['network_script'] ?? '') : deps.router;
    if (!router) {
      log.warn({ script: (env['network_script'] ?? '').slice(0, 80) }, 'FastAGI script names no tenant of this deployment (agi://host:port/<tenant>/route); closing');
      return;
    }
    const found = await router.lookup(callerOf(env), didOf(env));
    for (const [name, value] of variablesOf(found, deps.dialSeconds)) {
      const reply = await session.command(`SET VARIABLE ${name} "${value.replace(/["\\\r\n]/g, '')}"`, ioTimeoutMs);
      if (!reply?.startsWith('200')) {
        log.warn({ variable: name }, 'FastAGI SET VARIABLE was not acknowledged; closing');
        return;
      }
    }
    log.debug({ uniqueid: env['uniqueid'], source: found.source, routed: found.extension !== null, open: found.open }, 'FastAGI route answered');
  } catch (err) {
    log.warn({ err }, 'FastAGI session failed');
  } finally {
    session.close();
    if (asked) deps.onAnswered?.(performance.now() - startedAt);
  }
}
