/** Exhaustiveness check for discriminated unions: a `switch` over every tag ends with `assertNever(x)`. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}

/** Narrow `unknown` to a plain object so fields can be read with guards. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
