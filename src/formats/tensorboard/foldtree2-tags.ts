/**
 * A `MetricPoint` as TensorBoard scalars under FoldTree2's tag names (foldtree2-reference.md §4.4, REF scripts),
 * so a studio run sits beside FoldTree2's own runs in one `tensorboard --logdir runs/`. What FoldTree2 does not
 * log goes under `Studio/…`. Non-finite values (a skipped step's gradient norms) are left out: TensorBoard would
 * plot them as spikes that wreck the y-axis.
 */
import type { MetricPoint, NamedValue } from '../../protocol/metric-point';
import type { ScalarValue } from './event-proto';

/** FoldTree2's suffix of `Loss/<name>` per studio loss name. */
const LOSS_TAGS: Readonly<Record<string, string>> = {
  aminoAcid: 'AA',
  edge: 'Edge',
  logit: 'Logit',
  angles: 'Angles',
  ss: 'SS',
  vq: 'VQ',
  fft2: 'FFT2',
};

/** FoldTree2's suffix of `Weights/<name>`: the amino-acid weight keeps its command-line name, "x". */
const WEIGHT_TAGS: Readonly<Record<string, string>> = { ...LOSS_TAGS, aminoAcid: 'X' };

/** FoldTree2's `Gradients/<part>_Max` and `_Min` tags, per model part. */
const PART_TAGS = [
  ['Encoder', 'encoder'],
  ['Decoder', 'decoder'],
] as const;

/** Values of the point FoldTree2 does not log, by their tag under `Studio/`. */
const STUDIO_TAGS = {
  Perplexity: 'perplexity',
  Used_Codes: 'usedCodes',
  Dead_Codes: 'deadCodes',
  Loss_Scale: 'lossScale',
  Skipped_Steps: 'skippedSteps',
  Step_ms: 'stepMs',
  Residues_per_s: 'residuesPerSecond',
  Proteins_per_s: 'proteinsPerSecond',
} as const satisfies Record<string, keyof MetricPoint>;

/**
 * The model part a parameter belongs to, as the trainer splits them for clipping: FoldTree2's quantiser is a
 * sub-module of its encoder, so `quantizer.*` counts as encoder.
 */
function partOf(name: string): 'encoder' | 'decoder' | 'other' {
  if (name.startsWith('encoder.') || name.startsWith('quantizer.')) return 'encoder';
  return name.startsWith('decoder.') ? 'decoder' : 'other';
}

/**
 * Largest or smallest norm of a part among the reported per-parameter extremes, or undefined when none of the
 * reported parameters is in that part. The lists are the global top/bottom K, so a part's first appearance is
 * its true extreme; a part absent from them is unknown, not zero.
 */
function partExtreme(
  entries: readonly NamedValue[],
  part: 'encoder' | 'decoder',
  pick: (...values: number[]) => number,
): number | undefined {
  const values = entries.filter((entry) => partOf(entry.name) === part).map((entry) => entry.value);
  return values.length > 0 ? pick(...values) : undefined;
}

/**
 * The point's scalars, in a fixed order: FoldTree2's tags, then the studio's. `Loss/*` are the unweighted terms
 * and `Loss/Total` their plain sum, as FoldTree2 logs it; the weighted objective the optimizer minimises is
 * `Studio/Objective`. `Learning_Rate` is the AdamW group's rate (FoldTree2 logs a single rate); each group's rate
 * is also under `Learning_Rate/<group>`. Unknown loss names keep the studio's name.
 */
export function foldTree2Scalars(point: MetricPoint): ScalarValue[] {
  const out: Array<[string, number | undefined]> = [];
  const rawLosses = Object.entries(point.losses);
  for (const [name, value] of rawLosses) out.push([`Loss/${LOSS_TAGS[name] ?? name}`, value]);
  if (rawLosses.length > 0) out.push(['Loss/Total', rawLosses.reduce((sum, [, value]) => sum + value, 0)]);
  out.push(['Learning_Rate', point.learningRates['adamw']]);
  for (const [group, rate] of Object.entries(point.learningRates)) out.push([`Learning_Rate/${group}`, rate]);
  out.push(['Training/Commitment_Cost', point.commitmentCost]);
  for (const [name, weight] of Object.entries(point.lossWeights))
    out.push([`Weights/${WEIGHT_TAGS[name] ?? name}`, weight]);
  const norms = point.gradientNorms;
  for (const [tag, part] of PART_TAGS)
    out.push(
      [`Gradients/${tag}_Max`, partExtreme(norms.largest, part, Math.max)],
      [`Gradients/${tag}_Min`, partExtreme(norms.smallest, part, Math.min)],
    );
  out.push(
    ['Gradients/Global', norms.global],
    ['Studio/Objective', point.total],
    ['Studio/Gradients/Encoder', norms.encoder],
    ['Studio/Gradients/Decoder', norms.decoder],
  );
  for (const [tag, key] of Object.entries(STUDIO_TAGS)) out.push([`Studio/${tag}`, point[key]]);
  // Checked as float32, the type stored: a finite double beyond ±3.4e38 would land as ±Infinity.
  return out
    .filter((entry): entry is [string, number] => entry[1] !== undefined && Number.isFinite(Math.fround(entry[1])))
    .map(([tag, value]) => ({ tag, value }));
}
