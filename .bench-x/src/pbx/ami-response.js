import { normalizeFrame } from './ami-normalize.js';
/** Builds an AmiResponse from a raw `Response:` frame; null when the frame has no Response header. */
export function toAmiResponse(frame) {
    const { fields, multi } = normalizeFrame(frame);
    const response = fields['response'];
    if (!response)
        return null;
    return { response, actionId: fields['actionid'] ?? '', fields, multi };
}
