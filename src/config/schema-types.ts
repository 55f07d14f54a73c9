/**
 * The shape of one row of the config schema (`schema.ts`) and the typed helpers that build rows. A row's
 * `path` is a dotted `group.key` of `RunConfig`, and the helpers only accept a path whose `RunConfig` type
 * matches the helper (a number key cannot be declared boolean) and a default of that key's type.
 */
import type { RunConfig, RunConfigGroup } from '../protocol/run-config';

/** `group.key` for every leaf of `RunConfig`. */
export type ConfigPath = { [G in RunConfigGroup]: `${G}.${keyof RunConfig[G] & string}` }[RunConfigGroup];

/** The `RunConfig` type at `path`. */
export type ValueAt<P extends ConfigPath> = P extends `${infer G}.${infer K}`
  ? G extends RunConfigGroup
    ? K extends keyof RunConfig[G]
      ? RunConfig[G][K]
      : never
    : never
  : never;

/** Paths whose type is exactly `V`. */
type PathsOf<V> = {
  [P in ConfigPath]: [ValueAt<P>] extends [V] ? ([V] extends [ValueAt<P>] ? P : never) : never;
}[ConfigPath];

/** Any value a config key can hold. */
export type ConfigValue = number | boolean | string | null | readonly number[];

/** Where a key stands with FoldTree2 (learn_lightning.py / learn_monodecoder.py). */
interface Foldtree2Spelling {
  /**
   * argparse dest names and legacy aliases, underscores (the dashed flag form is accepted too). The first one is
   * learn_lightning's and is what `exportConfig(…, 'foldtree2-yaml')` writes.
   */
  readonly ft2?: readonly string[];
  /** `false` when learn_lightning has no such key (monodecoder-only): imported, never exported. */
  readonly ft2Lightning?: false;
  /** FoldTree2's default (learn_lightning, REF era) where it differs from ours; reported on FoldTree2 imports. */
  readonly ft2Default?: ConfigValue;
  /** What FoldTree2 does differently with this key; shown in the docs and in import warnings. */
  readonly ft2Note?: string;
  /** Enum values learn_lightning accepts, where fewer than ours; other values are exported in the `studio` block. */
  readonly ft2Values?: readonly string[];
  /** More studio spellings besides `group.key` and the bare key (e.g. `modelPreset`). */
  readonly aliases?: readonly string[];
}

interface Common<P extends ConfigPath> extends Foldtree2Spelling {
  readonly path: P;
  /** One line: what the key does, with its unit. */
  readonly doc: string;
}

interface Range {
  readonly min: number;
  readonly max: number;
  /** Which ends of [min, max] are open. */
  readonly open?: 'min' | 'max' | 'both';
}

export interface NumberSpec<P extends ConfigPath = ConfigPath> extends Common<P>, Range {
  readonly kind: 'number' | 'integer';
  readonly default: number | null;
  readonly nullable: boolean;
}
export interface BooleanSpec<P extends ConfigPath = ConfigPath> extends Common<P> {
  readonly kind: 'boolean';
  readonly default: boolean;
}
export interface EnumSpec<P extends ConfigPath = ConfigPath> extends Common<P> {
  readonly kind: 'enum';
  readonly values: readonly string[];
  readonly default: string;
  /** Other spellings of a value (FoldTree2's choices we fold into ours), each read with a warning. */
  readonly valueAliases: Readonly<Record<string, string>>;
}
export interface StringSpec<P extends ConfigPath = ConfigPath> extends Common<P> {
  readonly kind: 'string';
  readonly default: string | null;
  readonly nullable: boolean;
}
export interface NumberListSpec<P extends ConfigPath = ConfigPath> extends Common<P>, Range {
  readonly kind: 'number[]';
  readonly default: readonly number[];
  readonly length: number;
  /** Entries must rise strictly (bin edges). */
  readonly increasing: boolean;
}

export type KeySpec<P extends ConfigPath = ConfigPath> =
  NumberSpec<P> | BooleanSpec<P> | EnumSpec<P> | StringSpec<P> | NumberListSpec<P>;

type Extra = Foldtree2Spelling;

/** The helper for one kind of number key: whether it counts in integers and whether it may be `null` are fixed. */
function numberKey<V extends number | null>(kind: NumberSpec['kind'], nullable: boolean) {
  return <P extends PathsOf<V>>(
    path: P,
    def: ValueAt<P> & V,
    range: Range,
    doc: string,
    extra: Extra = {},
  ): NumberSpec<P> => ({ path, kind, default: def, nullable, ...range, doc, ...extra });
}

/** A real-valued key. */
export const num = numberKey<number>('number', false);
/** An integer key. */
export const int = numberKey<number>('integer', false);
/** A real-valued key that may be `null` ("not set": the preset's value, no limit, …). */
export const numOrNull = numberKey<number | null>('number', true);
/** An integer key that may be `null`. */
export const intOrNull = numberKey<number | null>('integer', true);

/**
 * The helper for one kind of model-size override: `null` by default, which takes the model preset's value (the
 * description says so at its end).
 */
function presetOverride(kind: NumberSpec['kind']) {
  return <P extends PathsOf<number | null>>(path: P, range: Range, doc: string, extra: Extra = {}): NumberSpec<P> => ({
    path,
    kind,
    default: null,
    nullable: true,
    ...range,
    doc: `${doc}; null: the preset’s`,
    ...extra,
  });
}

/** An integer model-size key whose default, `null`, is the preset's value. */
export const presetInt = presetOverride('integer');
/** A real-valued model key whose default, `null`, is the preset's value. */
export const presetNum = presetOverride('number');

/** A true/false key. */
export function bool<P extends PathsOf<boolean>>(
  path: P,
  def: ValueAt<P>,
  doc: string,
  extra: Extra = {},
): BooleanSpec<P> {
  return { path, kind: 'boolean', default: def, doc, ...extra };
}

/** A key with a fixed set of string values. */
export function oneOf<P extends ConfigPath>(
  path: P,
  values: readonly (ValueAt<P> & string)[],
  def: ValueAt<P> & string,
  doc: string,
  extra: Extra & { readonly valueAliases?: Readonly<Record<string, ValueAt<P> & string>> } = {},
): EnumSpec<P> {
  const { valueAliases = {}, ...rest } = extra;
  return { path, kind: 'enum', values, default: def, valueAliases, doc, ...rest };
}

/** The helper for free-text keys, with or without `null`. */
function stringKey<V extends string | null>(nullable: boolean) {
  return <P extends PathsOf<V>>(path: P, def: ValueAt<P> & V, doc: string, extra: Extra = {}): StringSpec<P> => ({
    path,
    kind: 'string',
    default: def,
    nullable,
    doc,
    ...extra,
  });
}

/** Free text. */
export const str = stringKey<string>(false);
/** Free text that may be `null`. */
export const strOrNull = stringKey<string | null>(true);

/** A fixed-length list of numbers. */
export function nums<P extends PathsOf<readonly number[]>>(
  path: P,
  def: ValueAt<P>,
  range: Range & { readonly length: number; readonly increasing?: boolean },
  doc: string,
  extra: Extra = {},
): NumberListSpec<P> {
  const { increasing = false, ...rest } = range;
  return { path, kind: 'number[]', default: def, increasing, ...rest, doc, ...extra };
}
