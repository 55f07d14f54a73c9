/**
 * Reading the few attributes our files carry, tolerant of how h5py or h5wasm stored them (scalar or 1-element
 * array, fixed or variable-length strings). Missing or wrongly-typed attributes read as null.
 */
import type { H5Dataset, H5Group } from './h5-types';

type HasAttributes = H5Group | H5Dataset;

function rawAttribute(entity: HasAttributes, name: string): unknown {
  const attribute = entity.attrs[name];
  return attribute === undefined ? null : attribute.value;
}

/** Unwraps a one-element array (h5py writes some scalars as shape (1,)). */
function single(value: unknown): unknown {
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value as ArrayLike<unknown>);
    return items.length === 1 ? items[0] : null;
  }
  return value;
}

export function readStringAttribute(entity: HasAttributes, name: string): string | null {
  const value = single(rawAttribute(entity, name));
  return typeof value === 'string' ? value : null;
}

export function readNumberAttribute(entity: HasAttributes, name: string): number | null {
  const value = single(rawAttribute(entity, name));
  if (typeof value === 'bigint') return Number(value);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A string array stored as an HDF5 string array, or as one JSON string holding an array of strings. */
export function readStringArrayAttribute(entity: HasAttributes, name: string): string[] | null {
  let value = rawAttribute(entity, name);
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return null;
    }
  }
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) return null;
  return value;
}

/** Writes a float64 scalar attribute (h5wasm would guess int32 for whole numbers such as 15). */
export function writeFloat64Attribute(entity: HasAttributes, name: string, value: number): void {
  entity.create_attribute(name, value, null, '<d');
}

/** Writes an int32 scalar attribute. */
export function writeInt32Attribute(entity: HasAttributes, name: string, value: number): void {
  entity.create_attribute(name, value, null, '<i');
}

/** Writes a variable-length string (or string array) attribute. */
export function writeStringAttribute(entity: HasAttributes, name: string, value: string | readonly string[]): void {
  entity.create_attribute(name, typeof value === 'string' ? value : [...value]);
}
