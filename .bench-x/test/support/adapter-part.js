/** An optional part of a CrmAdapter the test relies on; throws (failing the test) when the adapter lacks it. */
export function part(value, name) {
    if (value === undefined)
        throw new Error(`the adapter has no ${name} part`);
    return value;
}
