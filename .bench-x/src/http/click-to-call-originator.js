import { randomUUID } from 'node:crypto';
import { AmiActionError } from '../pbx/ami-client.js';
import { originate } from '../pbx/originate.js';
import { HttpError } from './http-error.js';
/** Variables the daemon sets on every originated call (inherited by all legs through the `__` prefix). */
export const CRM_CALL_ID_VARIABLE = '__CRM_CALL_ID';
export const CRM_CALLBACK_VARIABLE = '__CRM_CALLBACK';
/** The operator's extension, on the first leg: the shipped originate context gives the outgoing leg his caller ID back. */
export const CRM_OPERATOR_VARIABLE = 'CRM_OPERATOR';
function oneLine(text) {
    return text.replace(/[\r\n]+/g, ' ').slice(0, 200);
}
/** A tenant's PBXs' originators by id: `pbx` picks one (an id not of this tenant is 404), the first one by default. */
export class PbxOriginators {
    byId;
    constructor(byId) {
        this.byId = byId;
    }
    place(dial, options = {}) {
        const all = this.byId();
        const chosen = options.pbx === undefined ? all.values().next().value : all.get(options.pbx);
        if (!chosen)
            return Promise.reject(new HttpError(404, 'unknown_pbx', `no PBX "${options.pbx ?? ''}" here; use one of this tenant's PBX ids`));
        return chosen.place(dial, options);
    }
}
export class ClickToCallOriginator {
    ami;
    settings;
    log;
    onPlaced;
    constructor(ami, settings, log, onPlaced = null) {
        this.ami = ami;
        this.settings = settings;
        this.log = log;
        this.onPlaced = onPlaced;
    }
    async place(dial, options = {}) {
        // standby: no lease, no AMI connection; the action runs on a short-lived Events: off session
        if (this.ami.state !== 'connected' && this.ami.state !== 'standby')
            throw new HttpError(503, 'ami_unavailable', 'the PBX (AMI) is not connected; try again later');
        const callId = `c2c-${randomUUID()}`;
        const variables = { ...dial.variables, [CRM_OPERATOR_VARIABLE]: dial.extension };
        if (dial.crmCallId)
            variables[CRM_CALL_ID_VARIABLE] = dial.crmCallId;
        if (options.callback)
            variables[CRM_CALLBACK_VARIABLE] = '1';
        if (this.settings.cidVariable)
            variables[this.settings.cidVariable] = dial.to;
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
        }
        catch (err) {
            throw this.toHttpError(err, callId);
        }
    }
    toHttpError(err, callId) {
        if (!(err instanceof AmiActionError))
            return err instanceof Error ? err : new Error(String(err));
        this.log.warn({ callId, kind: err.kind, reason: oneLine(err.message) }, 'click-to-call refused');
        switch (err.kind) {
            case 'invalid-value': return new HttpError(400, 'invalid_request', oneLine(err.message));
            case 'rejected': return new HttpError(502, 'originate_rejected', oneLine(err.message));
            case 'timeout': return new HttpError(504, 'ami_timeout', 'the PBX (AMI) did not answer the Originate in time');
            default: return new HttpError(503, 'ami_unavailable', 'the PBX (AMI) is not connected; try again later');
        }
    }
}
