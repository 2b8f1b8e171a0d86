import type { FastifyTypeProvider } from 'fastify';

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'object' | 'array';

/** The JSON Schema subset our routes use; anything else (pattern, format, description…) passes through untyped. */
export interface JsonSchema {
  readonly type?: JsonType | readonly JsonType[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly [keyword: string]: unknown;
}

type Primitive<T> = T extends 'string' ? string : T extends 'number' | 'integer' ? number : T extends 'boolean' ? boolean : T extends 'null' ? null : never;
type Flat<T> = { [K in keyof T]: T[K] } & {};
/** Required properties, and those with a `default` (validation fills them in). */
type RequiredKeys<S> = (S extends { readonly required: readonly (infer R)[] } ? R : never)
  | (S extends { readonly properties: infer P } ? { [K in keyof P]: P[K] extends { readonly default: unknown } ? K : never }[keyof P] : never);
type Extra<S> = S extends { readonly additionalProperties: infer A extends JsonSchema } ? Record<string, FromSchema<A>> : unknown;
type FromObject<S> = S extends { readonly properties: infer P }
  ? Flat<{ -readonly [K in keyof P & RequiredKeys<S>]: FromSchema<P[K]> }
    & { -readonly [K in Exclude<keyof P, RequiredKeys<S>>]?: FromSchema<P[K]> } & Extra<S>>
  : Extra<S> extends Record<string, unknown> ? Extra<S> : object;
type FromType<S, T> = T extends 'object' ? FromObject<S>
  : T extends 'array' ? (S extends { readonly items: infer I } ? ReadonlyArray<FromSchema<I>> : readonly unknown[])
  : Primitive<T>;

/**
 * The TypeScript type a value valid against schema `S` has (a small json-schema-to-ts): objects with their required
 * and optional properties, arrays, enums and consts as literal unions, `type: [..., 'null']` as `| null`, anyOf as a
 * union. Declare schemas `as const` (or through typedSchema) so the literals survive.
 */
export type FromSchema<S> =
  S extends { readonly const: infer C } ? C
  : S extends { readonly anyOf: readonly (infer A)[] } ? FromSchema<A>
  : S extends { readonly enum: readonly (infer E)[] } ? E
  : S extends { readonly type: infer T } ? (T extends readonly (infer U)[] ? FromType<S, U> : FromType<S, T>)
  : unknown;

/** Checks a literal schema against JsonSchema and keeps its literal type (write `typedSchema({...} as const)`). */
export function typedSchema<const S extends JsonSchema>(schema: S): S {
  return schema;
}

/**
 * Fastify type provider: `app.withTypeProvider<SchemaTypes>()` types `req.body`, `req.query`, `req.params` and the
 * value a handler returns or sends from the route's own schemas, so the handler cannot drift from what it documents.
 */
export interface SchemaTypes extends FastifyTypeProvider {
  validator: this['schema'] extends JsonSchema ? FromSchema<this['schema']> : unknown;
  serializer: this['schema'] extends JsonSchema ? FromSchema<this['schema']> : unknown;
}
