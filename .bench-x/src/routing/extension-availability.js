import { accountLookup, devicePeer, NO_ACCOUNT_RULES } from '../calls/account-extensions.js';
/** Asterisk device states (DeviceStateChange `State`) by what they mean for routing. */
const DEVICE_STATES = {
    NOT_INUSE: 'free', UNKNOWN: 'unknown', INUSE: 'busy', BUSY: 'busy', ONHOLD: 'busy', RINGINUSE: 'busy',
    RINGING: 'ringing', UNAVAILABLE: 'unavailable', INVALID: 'unavailable',
};
/** ExtensionStatus `Status` (hint state bit mask): 0 idle, 1 in use, 2 busy, 4 unavailable, 8 ringing, 16 on hold. */
function hintState(status) {
    if (!Number.isInteger(status) || status < 0)
        return null;
    if (status === 0)
        return 'free';
    if (status & 4)
        return 'unavailable';
    if (status & (1 | 2 | 16))
        return 'busy';
    if (status & 8)
        return 'ringing';
    return 'unknown';
}
/** `PJSIP/201-0000000a`, `Local/201@operators-00000000;1` → the device name without the per-channel suffix. */
function deviceOfChannel(channel) {
    return channel.replace(/;\d$/, '').replace(/-[0-9a-f]+$/i, '');
}
/**
 * Who is free to take a routed call, from AMI: DeviceStateChange, ExtensionStatus (hints), PresenceStateChange
 * (`dnd`), and, for AMI users whose event filter drops the state events, the live channels of each extension
 * (Newchannel/Newstate … Hangup). A busy channel or device state wins over an idle one; unknown counts as free.
 * State is dropped on every reconnect, since events were lost while the connection was down.
 */
export class ExtensionAvailability {
    options;
    device = new Map();
    hint = new Map();
    dnd = new Set();
    channels = new Map();
    channelOwner = new Map();
    pattern;
    account;
    constructor(options) {
        this.options = options;
        this.pattern = new RegExp(options.devicePattern);
        this.account = accountLookup(options.accounts ?? NO_ACCOUNT_RULES);
    }
    /** Subscribes to the client's events; returns the unsubscribe function. */
    attach(client) {
        const offEvent = client.onEvent((ev) => this.handle(ev));
        const offConnected = client.onConnected(() => this.reset());
        return () => { offEvent(); offConnected(); };
    }
    handle(ev) {
        const f = ev.fields;
        switch (ev.name) {
            case 'DeviceStateChange': return this.onDeviceState(f['device'] ?? '', f['state'] ?? '');
            case 'ExtensionStatus': return this.onHint(f['exten'] ?? '', Number(f['status']));
            case 'PresenceStateChange': return this.onPresence(f['presentity'] ?? '', (f['status'] ?? '').toLowerCase());
            case 'Newchannel':
            case 'Newstate': return this.onChannel(f['channel'] ?? '', f['uniqueid'] ?? '');
            case 'Hangup': return this.onHangup(f['uniqueid'] ?? '');
            default: return undefined;
        }
    }
    stateOf(extension) {
        if (this.dnd.has(extension))
            return 'dnd';
        const states = [this.device.get(extension), this.hint.get(extension)];
        if ((this.channels.get(extension)?.size ?? 0) > 0)
            states.push('busy');
        for (const worst of ['unavailable', 'busy', 'ringing', 'free'])
            if (states.includes(worst))
                return worst;
        return 'unknown';
    }
    /** Free or unknown (no data is no reason to skip the responsible). */
    isFree(extension) {
        const state = this.stateOf(extension);
        return state === 'free' || state === 'unknown';
    }
    reset() {
        this.device.clear();
        this.hint.clear();
        this.dnd.clear();
        this.channels.clear();
        this.channelOwner.clear();
    }
    /** An account-named phone's extension by the account rules, else group 1 of the device pattern. */
    extensionOf(device) {
        return this.account(devicePeer(device)) ?? this.pattern.exec(device)?.[1] ?? null;
    }
    onDeviceState(device, state) {
        const ext = this.extensionOf(device);
        const mapped = DEVICE_STATES[state.toUpperCase()];
        if (ext && mapped)
            this.device.set(ext, mapped);
    }
    onHint(exten, status) {
        if (!/^\d{1,9}$/.test(exten))
            return;
        const mapped = hintState(status);
        if (mapped)
            this.hint.set(exten, mapped);
        else
            this.hint.delete(exten);
    }
    /** Presentity is e.g. `CustomPresence:201`; its last run of digits is the extension. */
    onPresence(presentity, status) {
        const ext = /(\d{1,9})$/.exec(presentity)?.[1];
        if (!ext)
            return;
        if (status === 'dnd')
            this.dnd.add(ext);
        else
            this.dnd.delete(ext);
        this.options.log?.debug({ extension: ext, dnd: status === 'dnd' }, 'presence changed');
    }
    onChannel(channel, uniqueid) {
        if (!uniqueid || this.channelOwner.has(uniqueid))
            return;
        const ext = this.extensionOf(deviceOfChannel(channel));
        if (!ext)
            return;
        this.channelOwner.set(uniqueid, ext);
        const set = this.channels.get(ext) ?? new Set();
        set.add(uniqueid);
        this.channels.set(ext, set);
    }
    onHangup(uniqueid) {
        const ext = this.channelOwner.get(uniqueid);
        if (!ext)
            return;
        this.channelOwner.delete(uniqueid);
        const set = this.channels.get(ext);
        set?.delete(uniqueid);
        if (set && set.size === 0)
            this.channels.delete(ext);
    }
}
