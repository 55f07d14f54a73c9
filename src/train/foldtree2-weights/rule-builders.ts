/**
 * One rule per studio parameter pattern: where it goes in FoldTree2's `state_dict` and in which layout, or `null`
 * when it has no FoldTree2 counterpart of the same meaning and shape (it then travels as `studio.<name>`).
 *
 * Patterns are dotted names with placeholders: `{k}` is a layer index (digits) that carries over unchanged to the
 * FoldTree2 pattern, `{p}` is `weight` or `bias` (studio-only rules only). The builders below write the usual
 * weight/bias pairs so that the tables read like the modules they describe.
 */
import type { Layout } from './layouts';

/** A condition on the FoldTree2-side shape beyond the layout's rank, e.g. a packed q|k|v projection is [3h, h]. */
export interface ShapeCondition {
  /** How the shape must look, for error messages, e.g. `[3h, h]`. */
  readonly describe: string;
  readonly holds: (shape: readonly number[]) => boolean;
}

export interface WeightRule {
  readonly studio: string;
  /** The FoldTree2 key pattern (LightningModule prefixes), or null: no counterpart, exported as `studio.<name>`. */
  readonly foldtree2: string | null;
  readonly layout: Layout;
  /** Rank of an identity-layout tensor (other layouts imply theirs); 1 unless stated. */
  readonly rank?: number;
  readonly shape?: ShapeCondition;
  /** One line for the mapping table: what the parameter is, and anything that differs. */
  readonly note: string;
}

/** Keys of FoldTree2's LightningModule `FoldTree2Model`: `encoder` (mk1_Encoder), `decoder` (MultiMonoDecoder). */
export const FT2_ENCODER = 'encoder';
export const FT2_SEQUENCE = 'decoder.decoders.sequence_transformer';
export const FT2_GEOMETRY = 'decoder.decoders.geometry_transformer';
export const FT2_CONTACTS = 'decoder.decoders.geometry_cnn';
/** mk1_Encoder keys its per-edge-type convolutions by `'_'.join(edge_type)`; the scripts use contacts only. */
export const FT2_CONTACT_EDGE_TYPE = 'res_contactPoints_res';

/** Output width fixed by the task (20 amino acids, 3 SS classes, 6 = sin/cos of φ ψ ω), on axis 0 of the PyTorch tensor. */
export function outputs(count: number): ShapeCondition {
  return { describe: `${count} outputs on axis 0`, holds: (shape) => shape[0] === count };
}

/** `nn.Linear`: weight transposed, bias as is. */
export function linear(studio: string, foldtree2: string, note: string, out?: ShapeCondition): WeightRule[] {
  const condition = out ? { shape: out } : {};
  return [
    { studio: `${studio}.weight`, foldtree2: `${foldtree2}.weight`, layout: 'transpose', note, ...condition },
    { studio: `${studio}.bias`, foldtree2: `${foldtree2}.bias`, layout: 'identity', note, ...condition },
  ];
}

/** `nn.LayerNorm` (or another per-channel affine pair): weight and bias as they are. */
export function norm(studio: string, foldtree2: string, note: string): WeightRule[] {
  return [
    { studio: `${studio}.weight`, foldtree2: `${foldtree2}.weight`, layout: 'identity', note },
    { studio: `${studio}.bias`, foldtree2: `${foldtree2}.bias`, layout: 'identity', note },
  ];
}

const oddKernel: ShapeCondition = { describe: '[out, in, k] with odd k', holds: (shape) => (shape[2] ?? 0) % 2 === 1 };

/** `nn.Conv1d(padding=k // 2)`: weight [k, in, out] ↔ [out, in, k], bias as is. */
export function conv(studio: string, foldtree2: string, note: string, shape: ShapeCondition = oddKernel): WeightRule[] {
  return [
    { studio: `${studio}.weight`, foldtree2: `${foldtree2}.weight`, layout: 'conv', shape, note },
    { studio: `${studio}.bias`, foldtree2: `${foldtree2}.bias`, layout: 'identity', note },
  ];
}

/** `linear` or `conv`: the rules of one layer, its weight's shape optionally conditioned. */
type LayerRules = (studio: string, foldtree2: string, note: string, shape?: ShapeCondition) => WeightRule[];

/**
 * Layers of an `nn.Sequential` that puts one parameter-free module (an activation) after each: our `<studio>.<k>`
 * is FoldTree2's `<foldtree2>.<first + 2k>`, where `first` counts the modules in front (a Dropout, a LayerNorm).
 * One note per layer; `last` conditions the final layer's shape (its output width).
 */
export function sequential(
  layer: LayerRules,
  studio: string,
  foldtree2: string,
  first: number,
  notes: readonly string[],
  last?: ShapeCondition,
): WeightRule[] {
  return notes.flatMap((note, k) =>
    layer(`${studio}.${k}`, `${foldtree2}.${first + 2 * k}`, note, k === notes.length - 1 ? last : undefined),
  );
}

/** `count` layers described alike, e.g. the hidden layers of a head. */
export function alike(count: number, note: string): string[] {
  return Array.from({ length: count }, () => note);
}

/**
 * FoldTree2's Position_MLP: `mlp` = Sequential(LayerNorm, Dropout, Linear, ReLU, …, Linear, Tanh), so our norm is
 * `mlp.0` and our Linear k is `mlp.<2k + 2>` (four Linear layers in every FoldTree2 position MLP).
 */
export function positionMlp(studio: string, foldtree2: string, note: string): WeightRule[] {
  return [
    ...norm(`${studio}.norm`, `${foldtree2}.mlp.0`, `${note}: LayerNorm(256) (ε 1e-5)`),
    ...sequential(
      linear,
      `${studio}.mlp`,
      `${foldtree2}.mlp`,
      2,
      [1, 2, 3, 4].map((n) => `${note}: Linear ${n} of 4 (ReLU between, Tanh after the last)`),
    ),
  ];
}

/** Parameters without a FoldTree2 counterpart: every name the pattern matches travels as `studio.<name>`. */
export function studioOnly(studio: string, note: string): WeightRule[] {
  return [{ studio, foldtree2: null, layout: 'identity', note }];
}
