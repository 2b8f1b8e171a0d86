import type { RawFrame } from './ami-normalize.js';

/** Frames bigger than this are skipped as malformed (a real AMI frame is a few KiB at most). */
export const MAX_FRAME_BYTES = 64 * 1024;
/** Header names as asterisk-manager leaves them (lower-cased, trimmed): anything else is a junk line. */
const KEY_PATTERN = /^[a-z0-9_()\-.]{1,128}$/;

export interface ConvertedFrame {
  readonly frame: RawFrame;
  /** Approximate wire size: every key and value plus `: ` and CRLF. */
  readonly sizeBytes: number;
  /** Lines dropped because their key was not a header name (binary junk, lines without `: `). */
  readonly junkLines: number;
}

/**
 * Turns one object parsed by asterisk-manager back into ordered `[key, value]` pairs. The package folds
 * `Variable`/`ChanVariable` lines into `{NAME: value}` objects and repeated keys into arrays; both are unfolded
 * here in their original order. Known loss: two `ChanVariable` lines naming the same variable keep only the last.
 */
export function managerItemToFrame(item: Record<string, unknown>): ConvertedFrame {
  const pairs: Array<[string, string]> = [];
  let sizeBytes = 2;
  let junkLines = 0;
  const push = (key: string, value: string): void => {
    sizeBytes += key.length + value.length + 4;
    if (KEY_PATTERN.test(key)) pairs.push([key, value]);
    else junkLines += 1;
  };
  for (const [key, value] of Object.entries(item)) {
    if (typeof value === 'string') {
      if (key === 'content') for (const line of value.split('\n')) push('output', line);
      else push(key, value);
    } else if (Array.isArray(value)) {
      for (const v of value) push(key, String(v));
    } else if (value !== null && typeof value === 'object') {
      for (const [name, v] of Object.entries(value)) push(key, unfoldVariable(key, name, String(v)));
    }
  }
  return { frame: pairs, sizeBytes, junkLines };
}

/** VarSet/Getvar send `Variable: NAME` (value in `Value:`), which the package stores as `{NAME: ''}`. */
function unfoldVariable(key: string, name: string, value: string): string {
  if (key === 'variable' && value === '') return name;
  return `${name}=${value}`;
}
