/** Which node types a padded batch carries; the batch's shape is `PaddedBatch` in src/protocol/padded-batch.ts. */
import type { NodeTypeName } from '../../protocol/protein-graph';

export type { BatchFeature, PaddedBatch } from '../../protocol/padded-batch';

/** Node types stored as one row per protein (FoldTree2 batches them as (B, C)). */
export const PER_PROTEIN_NODE_TYPES: readonly NodeTypeName[] = ['fourier2dr', 'fourier2di'];

/** What training reads (foldtree2-reference.md §1.7); the default of `padBatch`'s `nodeTypes`. */
export const DEFAULT_BATCH_NODE_TYPES: readonly NodeTypeName[] = [
  'res',
  'AA',
  'positions',
  'bondangles',
  'plddt',
  'ss',
  'coords',
  'fourier1dr',
  'fourier1di',
];
