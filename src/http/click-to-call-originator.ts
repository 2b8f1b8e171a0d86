import { randomUUID } from 'node:crypto';
import { AmiActionError, type AmiClient } from '../pbx/ami-client.js';
import { originate } from '../pbx/originate.js';
import type { Logger } from '../log.js';
import { HttpError } from './http-error.js';
import type { SafeDial } from './dial-guard.js';

/** Config.callControl.originate. */
export interface OriginateSettings {
  /** `Local/{ext}@from-internal`; MikoPBX `Local/{ext}@internal-originate`. */
  readonly channelTemplate: string;
  /** Where the operator's leg dials the number after answering (MikoPBX `all_peers`). */
  readonly context: string;
  readonly timeoutMs: number;
  /** Display name on the operator's phone when the request gives none ('' = number only). */
  readonly callerIdName: string;
  /** Variable that carries the number for the phone's display (MikoPBX `pt1c_cid`), or null. */
  readonly cidVariable: string | null;
}

export interface OriginatedCall {
  /** ChannelId of the operator's leg = Uniqueid = Linkedid = the tracker's call id. */
  readonly callId: string;
  readonly actionId: string;
}

/** What was placed, for a listener that records it (e.g. callId → crmCallId in Redis, so no VarSet is needed). */
export interface PlacedCall {
  readonly callId: string;
  readonly extension: string;
  readonly to: string;
  readonly crmCallId: string | null;
  readonly callback: boolean;
}

/** Variables the daemon sets on every originated call (inherited by all legs through the `__` prefix). */
export const CRM_CALL_ID_VARIABLE = '__CRM_CALL_ID';
export const CRM_CALLBACK_VARIABLE = '__CRM_CALLBACK';
/** The operator's extension, on the first leg: the shipped originate context gives the outgoing leg his caller ID back. */
export const CRM_OPERATOR_VARIABLE = 'CRM_OPERATOR';

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').slice(0, 200);
}

/**
 * Places a checked click-to-call through AMI: the operator's phone rings first, showing the customer's number (the
 * Originate's CallerID, and `cidVariable` for MikoPBX), then `context`/`to` is dialled; CRM_OPERATOR lets that context
 * put the operator's own caller ID back, so the customer sees the company line (config/asterisk/extensions-crm-originate.conf).
 * Failures become HttpError: AMI down 503, no answer from AMI 504, Asterisk said `Response: Error` 502 (with its reason).
 */
export interface PlaceOptions {
  /** A call-back of a missed call (CRM_CALLBACK set on the call). */
  readonly callback?: boolean;
  /** Which of the tenant's PBXs places it (a deployment file's PBX id); its first PBX when omitted. */
  readonly pbx?: string;
}

/** What places click-to-calls: one PBX's originator, or a tenant's (by PBX id). */
export interface Originator {
  place(dial: SafeDial, options?: PlaceOptions): Promise<OriginatedCall>;
}

/** A tenant's PBXs' originators by id: `pbx` picks one (an id not of this tenant is 404), the first one by default. */
export class PbxOriginators implements Originator {
  constructor(private readonly byId: () => ReadonlyMap<string, Originator>) {}

  place(dial: SafeDial, options: PlaceOptions = {}): Promise<OriginatedCall> {
    const all = this.byId();
    const chosen = options.pbx === undefined ? all.values().next().value : all.get(options.pbx);
    if (!chosen) return Promise.reject(new HttpError(404, 'unknown_pbx', `no PBX "${options.pbx ?? ''}" here; use one of this tenant's PBX ids`));
    return chosen.place(dial, options);
  }
}

export class ClickToCallOriginator implements Originator {
  constructor(
    private readonly ami: AmiClient,
    private readonly settings: OriginateSettings,
    private readonly log: Logger,
    private readonly onPlaced: ((call: PlacedCall) => void) | null = null,
  ) {}

  async place(dial: SafeDial, options: PlaceOptions = {}): Promise<OriginatedCall> {
    // standby: no lease, no AMI connection; the action runs on a short-lived Events: off session
    if (this.ami.state !== 'connected' && this.ami.state !== 'standby') throw new HttpError(503, 'ami_unavailable', 'the PBX (AMI) is not connected; try again later');
    const callId = `c2c-${randomUUID()}`;
    const variables: Record<string, string> = { ...dial.variables, [CRM_OPERATOR_VARIABLE]: dial.extension };
    if (dial.crmCallId) variables[CRM_CALL_ID_VARIABLE] = dial.crmCallId;
    if (options.callback) variables[CRM_CALLBACK_VARIABLE] = '1';
    if (this.settings.cidVariable) variables[this.settings.cidVariable] = dial.to;
    const name = dial.callerIdName ?? this.settings.callerIdName;
    try {
      const { actionId } = await originate(this.ami, {
        channel: this.settings.channelTemplate.replaceAll('{ext}', dial.extension),
        context: this.settings.context,
        exten: dial.to,
        timeoutMs: this.settings.timeoutMs,
        callerId: name ? { number: dial.to, name } : { number: dial.to },
        variables,
        channelId: callId,
        otherChannelId: `${callId}-2`,
      });
      const callback = options.callback === true;
      this.log.info({ callId, extension: dial.extension, crmCallId: dial.crmCallId, callback }, 'click-to-call queued');
      this.onPlaced?.({ callId, extension: dial.extension, to: dial.to, crmCallId: dial.crmCallId, callback });
      return { callId, actionId };
    } catch (err) {
      throw this.toHttpError(err, callId);
    }
  }

  private toHttpError(err: unknown, callId: string): Error {
    if (!(err instanceof AmiActionError)) return err instanceof Error ? err : new Error(String(err));
    this.log.warn({ callId, kind: err.kind, reason: oneLine(err.message) }, 'click-to-call refused');
    switch (err.kind) {
      case 'invalid-value': return new HttpError(400, 'invalid_request', oneLine(err.message));
      case 'rejected': return new HttpError(502, 'originate_rejected', oneLine(err.message));
      case 'timeout': return new HttpError(504, 'ami_timeout', 'the PBX (AMI) did not answer the Originate in time');
      default: return new HttpError(503, 'ami_unavailable', 'the PBX (AMI) is not connected; try again later');
    }
  }
}
