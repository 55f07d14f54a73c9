/**
 * Gradient norms as metrics: the one read-back per step of `clipGradients`' norm vector, turned into the numbers
 * FoldTree2 meant to log (`Gradients/Encoder_Max`, `…_Min`, `Decoder_Max`, `…_Min` and the top-3 largest and
 * smallest per-parameter norms) — which FoldTree2 itself never produces, because it reads them after
 * `zero_grad(set_to_none)` (foldtree2-reference §7.16).
 */
import type { GradientNorms } from '../../protocol/metric-point';
import { GRADIENT_PARTS, type ClipResult, type GradientPart } from './clip-gradients';

export interface NamedNorm {
  readonly name: string;
  /** L2 norm of the parameter's gradient before clipping. */
  readonly norm: number;
}

/** The norms a metric point carries (`largest`, `smallest`: the `topK` over all parameters), and more. */
export interface GradientNormReport extends GradientNorms<NamedNorm> {
  /** Over the gradients `gradientPartOf` puts in neither the encoder nor the decoder part. */
  readonly other: number;
  /** False when any norm is NaN or ±∞ (the clipped gradients are then non-finite too, as in PyTorch). */
  readonly finite: boolean;
  /** Per parameter, in the order the gradients were given. */
  readonly parameters: readonly NamedNorm[];
  /** Largest and smallest per-parameter norm in each part; null for an empty part. */
  readonly byPart: Readonly<
    Record<GradientPart, { readonly largest: NamedNorm | null; readonly smallest: NamedNorm | null }>
  >;
}

/** Reads `result.norms` once (async, no blocking read on WebGPU) and summarises it. Does not dispose anything. */
export async function readGradientNorms(result: ClipResult, topK = 3): Promise<GradientNormReport> {
  const values = await result.norms.data();
  return summariseGradientNorms(result.names, result.parts, Float32Array.from(values), topK);
}

/** The report from the values of a norm vector laid out as `ClipResult.norms` describes. Pure. */
export function summariseGradientNorms(
  names: readonly string[],
  parts: readonly GradientPart[],
  values: Float32Array,
  topK = 3,
): GradientNormReport {
  if (values.length !== names.length + 1 + GRADIENT_PARTS.length)
    throw new Error(`norm vector has ${values.length} values for ${names.length} parameters`);
  const parameters = names.map((name, k) => ({ name, norm: values[k] ?? NaN }));
  const at = (k: number): number => values[names.length + k] ?? NaN;
  // NaN sorts as the largest: a non-finite gradient is what a reader of the top list needs to see first.
  const key = (n: number): number => (Number.isNaN(n) ? Infinity : n);
  const order = parameters
    .map((_, k) => k)
    .sort((a, b) => key(parameters[b]?.norm ?? NaN) - key(parameters[a]?.norm ?? NaN) || a - b);
  const descending = order.map((k) => parameters[k] as NamedNorm);
  const extremes = (part: GradientPart) => {
    const members = order.filter((k) => parts[k] === part).map((k) => parameters[k] as NamedNorm);
    return { largest: members[0] ?? null, smallest: members[members.length - 1] ?? null };
  };
  const [global, encoder, decoder, other] = [at(0), at(1), at(2), at(3)];
  return {
    global,
    encoder,
    decoder,
    other,
    finite: values.every(Number.isFinite),
    parameters,
    largest: descending.slice(0, topK),
    smallest: [...descending].reverse().slice(0, topK),
    byPart: { encoder: extremes('encoder'), decoder: extremes('decoder'), other: extremes('other') },
  };
}
