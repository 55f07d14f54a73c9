/**
 * What the studio assumes for a FoldTree2 config (one that uses FoldTree2 spellings or keys). FoldTree2 fills
 * keys a file leaves out from its argparse defaults; the studio fills them from its own, which differ for a few
 * keys (`ft2Default` in the schema), so each such key is reported. The model preset, which FoldTree2 files cannot
 * name, becomes `foldtree2`: their hidden_size / embedding_dim / num_embeddings describe FoldTree2's architecture.
 */
import type { ConfigWarning } from './config-messages';
import { SCHEMA_ROWS } from './run-config-values';
import type { ConfigPath, ConfigValue, KeySpec } from './schema-types';

/** Values read from a file, by studio path, with the key as written. */
export type ReadValues = Map<ConfigPath, { readonly value: ConfigValue; readonly shown: string }>;

/** The FoldTree2 name of a row (learn_lightning's), else its studio path. */
export function foldtree2Name(spec: KeySpec): string {
  return spec.ft2?.[0] ?? spec.path;
}

const show = (value: ConfigValue | undefined): string => JSON.stringify(value);

/** Values to add and the warnings that say so; `values` is only read. */
export function foldtree2Assumptions(values: ReadonlyMap<ConfigPath, { readonly value: ConfigValue }>): {
  readonly values: ReadonlyArray<readonly [ConfigPath, ConfigValue]>;
  readonly warnings: readonly ConfigWarning[];
} {
  const added: Array<readonly [ConfigPath, ConfigValue]> = [];
  const warnings: ConfigWarning[] = [];
  if (!values.has('model.preset')) {
    added.push(['model.preset', 'foldtree2']);
    warnings.push({
      kind: 'foldtree2-defaults',
      severity: 'info',
      key: 'model.preset',
      message:
        'FoldTree2 config: model.preset set to "foldtree2" (FoldTree2’s architecture); the sizes in the file override it',
    });
  }
  const differing = SCHEMA_ROWS.filter((spec) => spec.ft2Default !== undefined && !values.has(spec.path));
  if (differing.length > 0) {
    const list = differing.map(
      (spec) => `${foldtree2Name(spec)} → ${spec.path} = ${show(spec.default)} (FoldTree2: ${show(spec.ft2Default)})`,
    );
    warnings.push({
      kind: 'foldtree2-defaults',
      severity: 'info',
      key: differing.map(foldtree2Name).join(', '),
      message: `FoldTree2 config: keys it leaves out take the studio’s defaults, which differ from FoldTree2’s for ${list.join('; ')}`,
    });
  }
  return { values: added, warnings };
}
