/** Redis stream ids (`<ms>-<seq>`), compared as numbers. */
export type StreamId = string;

const ID = /^(\d{1,16})-(\d{1,16})$/;

export function isStreamId(s: string): boolean {
  return ID.test(s);
}

function parts(id: StreamId): [bigint, bigint] {
  const m = ID.exec(id);
  return m?.[1] && m[2] ? [BigInt(m[1]), BigInt(m[2])] : [0n, 0n];
}

/** Negative when a comes before b, 0 when equal, positive after. */
export function compareStreamIds(a: StreamId, b: StreamId): number {
  const [am, as] = parts(a);
  const [bm, bs] = parts(b);
  if (am !== bm) return am < bm ? -1 : 1;
  if (as !== bs) return as < bs ? -1 : 1;
  return 0;
}
