/**
 * THE config table: every `RunConfig` key once, with its type, default, range, a one-line description and its
 * FoldTree2 spellings (argparse dest names and legacy aliases). Defaults follow the target feature list
 * (FoldTree2's learn_lightning at REF `1ec7741`): weights edge 0.25, logit 0.25, x 1, fft2 0.01, vq 0.1,
 * angles 0.05, ss 0.25; Muon 0.02 / AdamW 3e-4; commitment 0.1 → 0.9 over 5000 steps. Where we differ from
 * FoldTree2's default, `ft2Default` says so and `docs/config.md` shows it. The rows live in `schema-run-keys.ts`
 * and `schema-learning-keys.ts`; edit them, then run `npx tsx src/config/write-config-doc.node.ts` to regenerate the doc.
 */
import { LOSS_KEYS, MASKING_KEYS, OPTIMIZER_KEYS, SCHEDULE_KEYS, VQ_KEYS } from './schema-learning-keys';
import { DATA_KEYS, DECODER_KEYS, LOGGING_KEYS, MODEL_KEYS, PRECISION_KEYS, TRAINING_KEYS } from './schema-run-keys';
import type { ConfigPath } from './schema-types';

/** Every row, in the order of `RunConfig`'s groups (the order of exports and of the docs). */
export const CONFIG_SCHEMA = [
  ...DATA_KEYS,
  ...MODEL_KEYS,
  ...DECODER_KEYS,
  ...TRAINING_KEYS,
  ...OPTIMIZER_KEYS,
  ...SCHEDULE_KEYS,
  ...VQ_KEYS,
  ...PRECISION_KEYS,
  ...MASKING_KEYS,
  ...LOSS_KEYS,
  ...LOGGING_KEYS,
] as const;

export type SchemaEntry = (typeof CONFIG_SCHEMA)[number];

/** Compile-time completeness: this fails to type-check if a `RunConfig` key has no row. */
type MissingPaths = Exclude<ConfigPath, SchemaEntry['path']>;
export const SCHEMA_IS_COMPLETE: [MissingPaths] extends [never] ? true : MissingPaths = true;
