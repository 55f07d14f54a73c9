/**
 * Checks one raw value (as parsed from YAML/JSON) against its schema row. Values of the right type are taken
 * as they are; a few spellings that other YAML readers produce are converted and reported: numeric strings
 * (PyYAML reads `1e-4`, without a dot, as a string, and FoldTree2's `--save-config` writes it back quoted),
 * YAML 1.1 booleans (`yes`, `off`) and FoldTree2's extra enum choices (`strategy: auto`).
 */
import type { ConfigValue, KeySpec, NumberListSpec, NumberSpec } from './schema-types';

export type Conversion = { readonly kind: 'numeric-string' | 'converted-value'; readonly detail: string };
export type Coerced =
  | { readonly ok: true; readonly value: ConfigValue; readonly conversion?: Conversion }
  | { readonly ok: false; readonly expected: string };

/** JSON/YAML number syntax (optional sign, digits with optional dot, optional exponent), nothing else. */
const NUMERIC = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  on: true,
  off: false,
};

/** `[0, 1)`-style interval text. */
export function intervalText(range: { min: number; max: number; open?: 'min' | 'max' | 'both' }): string {
  const openMin = range.open === 'min' || range.open === 'both';
  const openMax = range.open === 'max' || range.open === 'both';
  return `${openMin ? '(' : '['}${range.min}, ${range.max}${openMax ? ')' : ']'}`;
}

/** What a key accepts, in words: "an integer in [1, 4096] or null". */
export function describeExpected(spec: KeySpec): string {
  const orNull = 'nullable' in spec && spec.nullable ? ' or null' : '';
  switch (spec.kind) {
    case 'number':
      return `a number in ${intervalText(spec)}${orNull}`;
    case 'integer':
      return `an integer in ${intervalText(spec)}${orNull}`;
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
    case 'string':
      return `a string${orNull}`;
    case 'number[]':
      return `a list of ${spec.length} numbers in ${intervalText(spec)}${spec.increasing ? ', strictly increasing' : ''}`;
  }
}

function inRange(value: number, spec: NumberSpec | NumberListSpec): boolean {
  const { min, max, open } = spec;
  const aboveMin = open === 'min' || open === 'both' ? value > min : value >= min;
  const belowMax = open === 'max' || open === 'both' ? value < max : value <= max;
  return Number.isFinite(value) && aboveMin && belowMax;
}

/** A number, or a numeric string read as one; `undefined` for anything else. */
function asNumber(raw: unknown): { value: number; fromString: boolean } | undefined {
  if (typeof raw === 'number') return { value: raw, fromString: false };
  if (typeof raw === 'string' && NUMERIC.test(raw.trim())) return { value: Number(raw.trim()), fromString: true };
  return undefined;
}

function numericStringNote(raw: unknown, value: number): Conversion {
  return { kind: 'numeric-string', detail: `read the string ${JSON.stringify(raw)} as the number ${value}` };
}

function coerceNumber(spec: NumberSpec, raw: unknown, fail: Coerced): Coerced {
  if (raw === null) return spec.nullable ? { ok: true, value: null } : fail;
  const parsed = asNumber(raw);
  if (!parsed || !inRange(parsed.value, spec)) return fail;
  if (spec.kind === 'integer' && !Number.isInteger(parsed.value)) return fail;
  return parsed.fromString
    ? { ok: true, value: parsed.value, conversion: numericStringNote(raw, parsed.value) }
    : { ok: true, value: parsed.value };
}

function coerceList(spec: NumberListSpec, raw: unknown, fail: Coerced): Coerced {
  if (!Array.isArray(raw) || raw.length !== spec.length) return fail;
  const values: number[] = [];
  let fromString = false;
  for (const item of raw) {
    const parsed = asNumber(item);
    if (!parsed || !inRange(parsed.value, spec)) return fail;
    if (spec.increasing && values.length > 0 && !(parsed.value > (values[values.length - 1] ?? -Infinity))) return fail;
    values.push(parsed.value);
    fromString ||= parsed.fromString;
  }
  const detail = `read ${JSON.stringify(raw)} as [${values.join(', ')}]`;
  return fromString
    ? { ok: true, value: values, conversion: { kind: 'numeric-string', detail } }
    : { ok: true, value: values };
}

/** Checks `raw` against `spec`: the value to store, with a note when it had to be converted, or what was expected. */
export function coerceValue(spec: KeySpec, raw: unknown): Coerced {
  const fail: Coerced = { ok: false, expected: describeExpected(spec) };
  switch (spec.kind) {
    case 'number':
    case 'integer':
      return coerceNumber(spec, raw, fail);
    case 'number[]':
      return coerceList(spec, raw, fail);
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const word = typeof raw === 'string' ? BOOLEAN_WORDS[raw.trim().toLowerCase()] : undefined;
      if (word === undefined) return fail;
      return {
        ok: true,
        value: word,
        conversion: { kind: 'converted-value', detail: `read the string ${JSON.stringify(raw)} as ${word}` },
      };
    }
    case 'enum': {
      if (typeof raw !== 'string') return fail;
      if (spec.values.includes(raw)) return { ok: true, value: raw };
      const alias = spec.valueAliases[raw];
      if (alias === undefined) return fail;
      return {
        ok: true,
        value: alias,
        conversion: {
          kind: 'converted-value',
          detail: `FoldTree2's "${raw}" has no studio equivalent; using "${alias}"`,
        },
      };
    }
    case 'string':
      if (typeof raw === 'string') return { ok: true, value: raw };
      if (raw === null && spec.nullable) return { ok: true, value: null };
      if (typeof raw === 'number' && Number.isFinite(raw)) {
        return {
          ok: true,
          value: String(raw),
          conversion: { kind: 'converted-value', detail: `read the number ${raw} as the string "${raw}"` },
        };
      }
      return fail;
  }
}
