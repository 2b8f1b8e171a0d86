import type { AmiClient } from './ami-client.js';

/** What `CoreStatus` says about the PBX process (docs/asterisk-ami.md; needs write `system` or `reporting`). */
export interface PbxCoreStatus {
  /**
   * `CoreStartupDate CoreStartupTime` exactly as sent (`2026-12-02 17:03:11`): the PBX's local time, second
   * resolution. Only compared for equality with an earlier value: a different one means Asterisk restarted.
   */
  readonly startup: string;
  /** `CoreReloadDate CoreReloadTime` (a reload is not a restart), or null. */
  readonly reload: string | null;
  readonly currentCalls: number | null;
}

/**
 * Asks the PBX when it started. Null when it cannot tell (the action failed or timed out, the user lacks the right,
 * an old or odd PBX left the fields out): the caller then falls back to FullyBooted's Uptime.
 */
export async function readCoreStatus(client: AmiClient, timeoutMs?: number): Promise<PbxCoreStatus | null> {
  let fields: Readonly<Record<string, string>>;
  try {
    const result = await client.action('CoreStatus', {}, timeoutMs === undefined ? {} : { timeoutMs });
    fields = result.response.fields;
  } catch {
    return null;
  }
  const date = fields['corestartupdate'] ?? '';
  const time = fields['corestartuptime'] ?? '';
  if (date === '' && time === '') return null;
  const reloadDate = fields['corereloaddate'] ?? '';
  const reloadTime = fields['corereloadtime'] ?? '';
  const calls = Number(fields['corecurrentcalls']);
  return {
    startup: `${date} ${time}`,
    reload: reloadDate === '' && reloadTime === '' ? null : `${reloadDate} ${reloadTime}`,
    currentCalls: fields['corecurrentcalls'] !== undefined && Number.isInteger(calls) ? calls : null,
  };
}
