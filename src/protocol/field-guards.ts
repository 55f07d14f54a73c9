/**
 * Guards for single fields of a message read as `unknown` (after `isRecord`), shared by every contract here so
 * each states only which fields it needs.
 */

export const isString = (value: unknown): value is string => typeof value === 'string';
export const isNumber = (value: unknown): value is number => typeof value === 'number';
export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';

/** One of the `as const` names in `list`. */
export const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T => list.includes(value as T);

/** Absent (`undefined`), or passes `check`: an optional field. */
export const isOptional = (value: unknown, check: (value: unknown) => boolean): boolean =>
  value === undefined || check(value);

/** An array whose every element passes `check`. */
export const isArrayOf = (value: unknown, check: (element: unknown) => boolean): boolean =>
  Array.isArray(value) && value.every(check);
