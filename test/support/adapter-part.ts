/** An optional part of a CrmAdapter the test relies on; throws (failing the test) when the adapter lacks it. */
export function part<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`the adapter has no ${name} part`);
  return value;
}
