/** A set of listeners; a throwing listener is logged and does not stop the others (or the AMI reader). */
export class ListenerSet {
    log;
    listeners = new Set();
    constructor(log) {
        this.log = log;
    }
    add(listener) {
        this.listeners.add(listener);
        return () => { this.listeners.delete(listener); };
    }
    emit(...args) {
        for (const listener of [...this.listeners]) {
            try {
                listener(...args);
            }
            catch (err) {
                this.log.error({ err }, 'AMI listener threw');
            }
        }
    }
}
