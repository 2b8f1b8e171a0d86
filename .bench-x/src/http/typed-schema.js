/** Checks a literal schema against JsonSchema and keeps its literal type (write `typedSchema({...} as const)`). */
export function typedSchema(schema) {
    return schema;
}
