/**
 * Whether FoldTree2's `learn_lightning.py` (HEAD) can build a studio model, and if not, why. It builds one family
 * only (foldtree2-state-dict.ts): hidden_size h everywhere, encoder [h, h, h] with 10 heads and learned positions,
 * decoders of 2 layers × 5 heads with feed-forward 2048 and learned positions, a CNN decoder with convs [2h, h, h]
 * and an edge head of width h, an EMA codebook. The `foldtree2` and `foldtree2-small` presets are in it; `tiny` and
 * `teaching` are not. Exports refuse the others with these reasons (page and CLI).
 */
import type { ModelConfig, TransformerDecoderConfig } from '../../model/model-config';
import {
  FOLDTREE2_DECODER_HEADS,
  FOLDTREE2_DECODER_LAYERS,
  FOLDTREE2_ENCODER_HEADS,
  FOLDTREE2_FEED_FORWARD,
  type Foldtree2Build,
} from './foldtree2-state-dict';

function transformerProblems(name: string, d: TransformerDecoderConfig, h: number): string[] {
  const problems: string[] = [];
  if (d.hidden !== h)
    problems.push(`the ${name} decoder is ${d.hidden} wide, not h = ${h} (FoldTree2 uses one hidden_size)`);
  if (d.heads !== FOLDTREE2_DECODER_HEADS)
    problems.push(
      `the ${name} decoder has ${d.heads} attention heads; FoldTree2 hard-codes ${FOLDTREE2_DECODER_HEADS}`,
    );
  if (d.layers !== FOLDTREE2_DECODER_LAYERS)
    problems.push(`the ${name} decoder has ${d.layers} layers; FoldTree2 builds ${FOLDTREE2_DECODER_LAYERS}`);
  if (d.feedForward !== FOLDTREE2_FEED_FORWARD)
    problems.push(
      `the ${name} decoder's feed-forward is ${d.feedForward} wide; FoldTree2 keeps PyTorch's ${FOLDTREE2_FEED_FORWARD}`,
    );
  if (!d.learnPositions)
    problems.push(
      `the ${name} decoder reads the raw 256-column position code; FoldTree2 builds a learned 32-column one`,
    );
  return problems;
}

/** Every reason learn_lightning.py cannot build `model`; empty when it can. */
export function foldtree2BuildProblems(model: ModelConfig): string[] {
  const { encoder, quantizer, decoders } = model;
  const h = encoder.hiddenChannels[0] ?? 0;
  const problems: string[] = [];
  if (h % FOLDTREE2_DECODER_HEADS !== 0)
    problems.push(`the width h = ${h} does not divide by FoldTree2's ${FOLDTREE2_DECODER_HEADS} decoder heads`);
  if (encoder.hiddenChannels.length !== 3 || encoder.hiddenChannels.some((w) => w !== h)) {
    problems.push(
      `the encoder's graph layers are [${encoder.hiddenChannels.join(', ')}]; FoldTree2 builds hidden_channels [h, h, h] (2 layers)`,
    );
  }
  if (encoder.heads !== FOLDTREE2_ENCODER_HEADS)
    problems.push(
      `the encoder has ${encoder.heads} attention heads; learn_lightning.py hard-codes nheads=${FOLDTREE2_ENCODER_HEADS}`,
    );
  if (encoder.headHidden !== h) problems.push(`the encoder head is ${encoder.headHidden} wide, not h = ${h}`);
  if (!encoder.learnPositions)
    problems.push(
      'the encoder reads the raw 256-column position code (FoldTree2 REF); learn_lightning.py builds learned 64-column positions',
    );
  if (!encoder.fourierInput) problems.push('the encoder has no Fourier input branch; FoldTree2 builds it (fftin)');
  if (!quantizer.ema)
    problems.push(
      'the codebook is trained by gradient; learn_lightning.py at HEAD only trains with --EMA (its plain quantizer raises TypeError)',
    );
  problems.push(...transformerProblems('sequence', decoders.sequence, h));
  if (decoders.geometry.enabled) problems.push(...transformerProblems('geometry', decoders.geometry, h));
  const c = decoders.contacts;
  if (c.enabled && (c.hidden !== h || c.convLayers !== 3 || c.pairHidden !== h)) {
    problems.push(
      `the contacts decoder (width ${c.hidden}, ${c.convLayers} convs, distance head ${c.pairHidden}) is not FoldTree2's (width h, 3 convs, edge head h)`,
    );
  }
  if (decoders.fft2.enabled)
    problems.push(
      "the FFT2 head reads the mean token; FoldTree2's godnodedecoder reads the constant godnode (turn decoders.outputFft off)",
    );
  return problems;
}

/** The sizes learn_lightning.py builds `model` with, for a dataset of `inputWidth` res.x columns. */
export function foldtree2BuildOf(model: ModelConfig, inputWidth: number): Foldtree2Build {
  return {
    inputWidth,
    hidden: model.encoder.hiddenChannels[0] ?? 0,
    embeddingDim: model.quantizer.embeddingDim,
    codes: model.quantizer.codes,
    geometryTransformer: model.decoders.geometry.enabled,
    geometryCnn: model.decoders.contacts.enabled,
  };
}
