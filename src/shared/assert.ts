/**
 * Argument checks shared by the pure helpers. Each throws a `RangeError` whose message names the
 * caller's argument, so bad input is reported where it entered rather than as a NaN far downstream.
 */

/** Throws unless `value` is a safe integer (|value| ≤ 2^53 − 1). `what` names it in the message. */
export function assertSafeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a safe integer, got ${String(value)}`);
  }
}

/** Throws unless `value` is an integer with `min ≤ value ≤ max` (inclusive bounds). */
export function assertIntegerInRange(value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${what} must be an integer in [${min}, ${max}], got ${String(value)}`);
  }
}

/** Throws unless `value` is an integer ≥ 0. */
export function assertNonNegativeInteger(value: number, what: string): void {
  assertIntegerInRange(value, 0, Number.MAX_SAFE_INTEGER, what);
}

/** Throws unless `value` is an integer ≥ 1. */
export function assertPositiveInteger(value: number, what: string): void {
  assertIntegerInRange(value, 1, Number.MAX_SAFE_INTEGER, what);
}
