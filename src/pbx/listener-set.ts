import type { Logger } from '../log.js';

/** A set of listeners; a throwing listener is logged and does not stop the others (or the AMI reader). */
export class ListenerSet<A extends unknown[]> {
  private readonly listeners = new Set<(...args: A) => void>();

  constructor(private readonly log: Logger) {}

  add(listener: (...args: A) => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  emit(...args: A): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(...args);
      } catch (err) {
        this.log.error({ err }, 'AMI listener threw');
      }
    }
  }
}
