/** Audio formats MixMonitor writes or MikoPBX converts to (a Uniqueid's own `.1` is not an extension). */
const AUDIO_EXTENSION = /\.(wav|wav49|gsm|mp3|ogg|oga|opus|webm|flac|g722|g729|sln\d*|ulaw|alaw|ul|al|raw)$/i;
/** The recording's name without folder and extension: MikoPBX reports `<id>.webm` for the `<id>.wav` MixMonitor writes. */
function stemOf(file) {
    return file.slice(file.lastIndexOf('/') + 1).replace(AUDIO_EXTENSION, '');
}
/**
 * Adds one recording to a call's list, kept in the order the recordings started. A file already listed is not
 * repeated: the same recording is named by every later event of its channel, and often by several variables. `exact`
 * (MIXMONITOR_FILENAME, the path MixMonitor writes) replaces a hint of the same recording (REC_FILE,
 * CDR(recordingfile), MikoPBX's StartRecording); a hint never replaces anything.
 */
export function addRecording(list, file, atMs, exact) {
    const value = file.trim();
    if (value === '' || list.some((r) => r.file === value))
        return;
    const stem = stemOf(value);
    const same = list.find((r) => stemOf(r.file) === stem);
    if (!same) {
        list.push({ file: value, atMs });
        list.sort((a, b) => a.atMs - b.atMs); // stable: equal times keep their order
    }
    else if (exact) {
        same.file = value;
    }
}
/** Both calls' recordings in start order (for a merge); the same file is listed once. */
export function mergeRecordings(a, b) {
    const all = a.map((r) => ({ ...r }));
    for (const r of b)
        addRecording(all, r.file, r.atMs, true);
    return all;
}
/** Saved state: the list, or (tracker state saved before the list existed) the single `recordingFile` in its place. */
export function asRecordings(saved, atMs) {
    if (typeof saved === 'string')
        return saved === '' ? [] : [{ file: saved, atMs }];
    if (!Array.isArray(saved))
        return [];
    return saved
        .filter((r) => typeof r === 'object' && r !== null && typeof r.file === 'string')
        .map((r) => ({ file: r.file, atMs: Number.isFinite(r.atMs) ? r.atMs : atMs }));
}
/** A snapshot's recordings in order; one queued or journaled by a version that knew only `recordingFile` has that one. */
export function recordingsOf(call) {
    return call.recordingFiles ?? (call.recordingFile === null ? [] : [call.recordingFile]);
}
