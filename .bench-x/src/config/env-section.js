import { z } from 'zod';
/** Declares a section (the identity: it only fixes the types). */
export function envSection(section) {
    return section;
}
export const port = (fallback) => z.coerce.number({ error: 'must be a TCP port number (1-65535)' }).int().min(1).max(65535).default(fallback);
export const ms = (fallback) => z.coerce.number({ error: 'must be a whole number of milliseconds' }).int().min(1).default(fallback);
export const required = (hint) => z.string({ error: `is required: ${hint}` }).min(1, `is empty: ${hint}`);
export const flag = (fallback) => z.stringbool().default(fallback);
/** A comma-separated list; blanks dropped. */
export const list = (fallback = '') => z.string().default(fallback).transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
export function isRegex(s) {
    try {
        new RegExp(s);
        return true;
    }
    catch {
        return false;
    }
}
