export const NOTIFY_QUEUE = 'notify';
/** BullMQ refuses ':' in custom job ids. */
export function notifyJobId(...parts) {
    return parts.map((p) => String(p).replaceAll(':', '_')).join('-');
}
