function recordingsOf(c) {
    if (c.recording === null)
        return c.finish?.recordingFiles ?? (c.finish?.recordingFile ? [c.finish.recordingFile] : []);
    if (!c.recording.startsWith('['))
        return [c.recording];
    const parsed = JSON.parse(c.recording);
    return Array.isArray(parsed) ? parsed.filter((f) => typeof f === 'string') : [];
}
export function toCallEntry(c) {
    const f = c.finish;
    const answeredAtMs = f?.answeredAtMs ?? null;
    const ringEndMs = answeredAtMs ?? f?.endedAtMs ?? null;
    const recordings = recordingsOf(c);
    return {
        callId: c.ref.callId, crmCallId: c.ref.crmCallId, kind: c.start.direction === 'inbound' ? 'incoming' : 'outgoing',
        direction: c.start.direction, client: c.start.phone, entity: c.ref.entity, line: c.start.line,
        agent: f?.extension ?? c.responsible ?? c.start.extension,
        startedAtMs: c.start.startedAtMs, answeredAtMs, endedAtMs: f?.endedAtMs ?? null,
        talkDurationSec: f?.talkDurationSec ?? null,
        ringDurationSec: ringEndMs === null ? null : Math.max(0, Math.round((ringEndMs - c.start.startedAtMs) / 1000)),
        disposition: f?.disposition ?? null, hangupCause: f?.hangupCause ?? null, recording: recordings[0] ?? null, recordings,
    };
}
