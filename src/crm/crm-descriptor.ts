import type { RecordingPaths } from './recording-files.js';
import type { FastifyInstance } from 'fastify';
import type { RedisClient } from '../net/redis-client.js';
import { z } from 'zod';
import type { Logger } from '../log.js';
import type { CrmAdapter } from './adapter.js';
import type { CrmRouteKit } from './crm-route-kit.js';

/** What every adapter gets besides its own settings: the same for every CRM. */
export interface CrmDeps {
  readonly redis: RedisClient;
  /** REDIS_PREFIX: an adapter keeps its memory under `<prefix>:…`. */
  readonly prefix: string;
  /** The rules file's "users" (extension → CRM user id); they win over what the adapter learns from its CRM. */
  readonly users: Readonly<Record<string, string>>;
  readonly log: Logger;
  /** What the rules file's client rules read of a client (PhoneMatch.client); absent: none, so nothing is read. */
  readonly clientData?: ClientDataWanted;
  /** Where recordings the PBX names are read here (RECORDINGS_DIR, RECORDINGS_PATH_MAP): for an adapter that uploads them. */
  readonly recordings?: RecordingPaths;
}

/** The client data routing rules use: an adapter reads (with extra requests) only what they name. */
export interface ClientDataWanted {
  /** The field names client rules compare (the CRM's own spelling). */
  readonly fields: readonly string[];
  /** True when a client rule names a tag. */
  readonly tags: boolean;
}

/** A CRM's config slice (Config.crm.settings); `secrets` are its secret values, for log redaction. */
export interface CrmSettings {
  readonly secrets: readonly string[];
}

/** What the business rules will ask the CRM to create, for a CRM's start-time checks (lead in simple mode is a deal). */
export interface CrmRuleView {
  readonly workKind: 'lead' | 'deal' | null;
}

/** A CRM's inbound HTTP routes, as a fastify plugin; each route declares its auth (`config: { auth: 'own' }`). */
export type CrmRoutes = (app: FastifyInstance) => Promise<void>;

export type EnvOf<Shape extends z.ZodRawShape> = z.output<z.ZodObject<Shape>>;

/** The meaning of every variable of a shape (README's configuration table, .env.example): one for each, checked by tsc. */
export type EnvDocs<Shape extends z.ZodRawShape> = { readonly [K in keyof Shape & string]: string };

/** Everything about one CRM, kept in its folder (src/crm/<name>/<name>-crm.ts); src/crm/crm-modules.ts lists them. */
export interface CrmDescriptor<Shape extends z.ZodRawShape, S extends CrmSettings> {
  /** The CRM_ADAPTER value. */
  readonly name: string;
  /** Its environment variables: validated (and documented) with all others, whichever CRM runs. */
  readonly env: Shape;
  /** What each of them means. */
  readonly docs: EnvDocs<Shape>;
  /** Problems of its variables taken together, checked only when it runs; each names the variable and the fix. */
  readonly problems?: (env: EnvOf<Shape>, rules: CrmRuleView) => string[];
  /** Its config slice, from variables that passed `problems`. */
  readonly settings: (env: EnvOf<Shape>) => S;
  readonly create: (settings: S, deps: CrmDeps) => CrmAdapter;
  /** Inbound routes (CRM events), mounted only when this CRM runs. */
  readonly routes?: (settings: S, kit: CrmRouteKit) => CrmRoutes;
}

/** Config.crm: the CRM that runs, its settings, and how to build its adapter and routes. */
export interface SelectedCrm {
  readonly adapter: string;
  readonly settings: CrmSettings;
  create(deps: CrmDeps): CrmAdapter;
  /** Its inbound routes, or null when it has none. */
  routes(kit: CrmRouteKit): CrmRoutes | null;
}

export type CrmSelection = { readonly problems: readonly string[] } | { readonly crm: SelectedCrm };

/** A descriptor as config/ and the registry loop over it: the type of its settings stays behind its functions. */
export interface CrmModule<S extends CrmSettings = CrmSettings> {
  readonly name: string;
  readonly env: z.ZodRawShape;
  readonly docs: Readonly<Record<string, string>>;
  /** Reads its slice from the raw env: the problems (each naming the variable), or the CRM ready to build. */
  select(env: Readonly<Record<string, string | undefined>>, rules: CrmRuleView): CrmSelection;
  /** Parse + check + build in one step (tests, bench). Throws an Error listing every problem by variable name. */
  settingsFrom(env: Readonly<Record<string, string | undefined>>, rules?: CrmRuleView): S;
}

const NO_WORK: CrmRuleView = { workKind: null };

export function defineCrm<Shape extends z.ZodRawShape, S extends CrmSettings>(d: CrmDescriptor<Shape, S>): CrmModule<S> {
  const schema = z.object(d.env);
  const read = (env: Readonly<Record<string, string | undefined>>, rules: CrmRuleView): { problems: string[] } | { settings: S } => {
    const parsed = schema.safeParse(env);
    if (!parsed.success) return { problems: parsed.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`) };
    const problems = d.problems?.(parsed.data, rules) ?? [];
    return problems.length > 0 ? { problems } : { settings: d.settings(parsed.data) };
  };
  return {
    name: d.name,
    env: d.env,
    docs: d.docs,
    select(env, rules) {
      const r = read(env, rules);
      if ('problems' in r) return r;
      const { settings } = r;
      return {
        crm: {
          adapter: d.name, settings,
          create: (deps) => d.create(settings, deps),
          routes: (kit) => d.routes?.(settings, kit) ?? null,
        },
      };
    },
    settingsFrom(env, rules = NO_WORK) {
      const r = read(env, rules);
      if ('problems' in r) throw new Error(`invalid ${d.name} configuration:\n  ${r.problems.join('\n  ')}`);
      return Object.freeze(r.settings);
    },
  };
}
