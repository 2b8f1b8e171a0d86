import { z } from 'zod';
import type { Rules } from './rules-schema.js';

export type EnvOf<Shape extends z.ZodRawShape> = z.output<z.ZodObject<Shape>>;

/**
 * One slice of Config and the variables it is built from. A new variable is one edit here (its schema and where it
 * goes) plus its meaning in scripts/env-docs.ts; Config's type follows from `build`.
 */
export interface EnvSection<Shape extends z.ZodRawShape, Slice> {
  /** Its variables, in the order the README table and .env.example list them. */
  readonly shape: Shape;
  /** Problems of its variables taken together, each naming the variable and the fix. */
  problems?(env: EnvOf<Shape>): string[];
  build(env: EnvOf<Shape>, rules: Rules): Slice;
  /** Its secret values, for log redaction (Config.secrets). */
  secrets?(env: EnvOf<Shape>): string[];
}

/** Declares a section (the identity: it only fixes the types). */
export function envSection<Shape extends z.ZodRawShape, Slice>(section: EnvSection<Shape, Slice>): EnvSection<Shape, Slice> {
  return section;
}

export const port = (fallback: number) =>
  z.coerce.number({ error: 'must be a TCP port number (1-65535)' }).int().min(1).max(65535).default(fallback);
export const ms = (fallback: number) => z.coerce.number({ error: 'must be a whole number of milliseconds' }).int().min(1).default(fallback);
export const required = (hint: string) => z.string({ error: `is required: ${hint}` }).min(1, `is empty: ${hint}`);
export const flag = (fallback: boolean) => z.stringbool().default(fallback);
/** A comma-separated list; blanks dropped. */
export const list = (fallback = '') => z.string().default(fallback).transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

export function isRegex(s: string): boolean {
  try { new RegExp(s); return true; } catch { return false; }
}
