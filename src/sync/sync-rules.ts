import type { Config } from '../config/config.js';

/** The business-rule settings CallSync follows (Config.sync as is). */
export type SyncRules = Config['sync'];

/** Extensions are short digit strings; external numbers are E.164 or longer. */
export function isExtension(target: string | null | undefined): target is string {
  return typeof target === 'string' && /^\d{1,9}$/.test(target);
}
