/**
 * The guard of a message union tagged by `type`, built from one field check per tag: the table replaces a `switch`
 * with a `default: false`, and its type makes the compiler insist on a check for every member.
 */
import { isRecord } from '../shared/assert-never';

/** Checks one member's fields, given the message already known to be a record with that member's tag. */
export type FieldCheck = (value: Record<string, unknown>) => boolean;

/** One field check per tag of the union `T`. */
export type TagChecks<T extends { readonly type: string }> = { readonly [Tag in T['type']]: FieldCheck };

/** For members that carry nothing to check beyond their tag (and the fields every member shares). */
export const tagOnly: FieldCheck = () => true;

/**
 * `(value) => value is T`: true for a record that passes `shared` (fields every member carries, such as a request
 * id) and whose `type` has a check in `checks` that it passes. Any other tag is rejected.
 */
export function unionGuard<T extends { readonly type: string }>(
  checks: TagChecks<T>,
  shared: FieldCheck = tagOnly,
): (value: unknown) => value is T {
  const byTag = new Map<unknown, FieldCheck>(Object.entries(checks));
  return (value: unknown): value is T => {
    if (!isRecord(value) || !shared(value)) return false;
    const check = byTag.get(value['type']);
    return check !== undefined && check(value);
  };
}
