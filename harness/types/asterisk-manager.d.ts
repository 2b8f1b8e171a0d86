/** Minimal types for the untyped `asterisk-manager` 0.2.0 package (CommonJS), only what bench/reference-run.ts uses (src/ does not use the package). */
declare module 'asterisk-manager' {
  export type ManagerItem = Record<string, unknown>;
  export interface Manager {
    readonly options: { port: number | undefined; host: string; username: string; password: string; events: boolean };
    connect(port: number, host: string, callback?: (err: null) => void): void;
    login(callback?: (err?: ManagerItem) => void): void;
    action(action: Record<string, unknown>, callback?: (err?: ManagerItem, res?: ManagerItem) => void): string;
    disconnect(callback?: () => void): void;
    isConnected(): boolean;
    on(event: string, listener: (...args: unknown[]) => void): void;
    removeAllListeners(event?: string): void;
  }
  function AsteriskManager(port?: number, host?: string, username?: string, password?: string, events?: boolean): Manager;
  export default AsteriskManager;
}
