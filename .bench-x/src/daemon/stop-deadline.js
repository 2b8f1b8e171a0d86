/**
 * How long main.ts lets a SIGTERM/SIGINT stop take before it exits anyway (exit 1): the sync workers get up to 15 s
 * for jobs in flight, the queue up to 5 s to hand its buffer to Redis. Whatever supervises the daemon must wait longer
 * than this before SIGKILL: systemd TimeoutStopSec, compose stop_grace_period, `docker run --stop-timeout` (Docker's
 * default grace is only 10 s). test/unit/deploy checks deploy/ against this value.
 */
export const STOP_DEADLINE_MS = 20_000;
