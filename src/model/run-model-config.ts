/**
 * RunConfig (plain data, preset + overrides) → ModelConfig, as docs/config.md "Model mapping" specifies, with the
 * checks only the resolved sizes allow.
 */
import type { ModelConfig } from './model-config';
import { MODEL_PRESETS } from './presets';
import type { RunConfig } from '../protocol/run-config';

const pick = <T>(override: T | null, base: T): T => (override === null ? base : override);

export function modelConfigFromRun(run: RunConfig): ModelConfig {
  const base = MODEL_PRESETS[run.model.preset];
  const m = run.model;
  const hidden = pick(m.hiddenSize, base.encoder.hiddenChannels[0] ?? 0);
  const layers = pick(m.encoderLayers, base.encoder.hiddenChannels.length - 1);
  const decoderHidden = (baseHidden: number) => pick(m.hiddenSize, baseHidden);
  const transformer = (cfg: ModelConfig['decoders']['sequence'], enabled: boolean) => ({
    enabled,
    hidden: decoderHidden(cfg.hidden),
    layers: pick(m.decoderLayers, cfg.layers),
    heads: pick(m.decoderHeads, cfg.heads),
    feedForward: pick(m.decoderFeedForward, cfg.feedForward),
    dropout: pick(m.decoderDropout, cfg.dropout),
    learnPositions: cfg.learnPositions,
  });
  const config: ModelConfig = {
    encoder: {
      ...base.encoder,
      hiddenChannels: Array.from({ length: layers + 1 }, () => hidden),
      heads: pick(m.encoderHeads, base.encoder.heads),
      headHidden: pick(m.hiddenSize, base.encoder.headHidden),
      dropout: pick(m.encoderDropout, base.encoder.dropout),
    },
    quantizer: {
      ...base.quantizer,
      codes: pick(m.numEmbeddings, base.quantizer.codes),
      embeddingDim: pick(m.embeddingDim, base.quantizer.embeddingDim),
      ema: run.vq.ema,
    },
    decoders: {
      sequence: transformer(base.decoders.sequence, true),
      geometry: transformer(base.decoders.geometry, run.decoders.useGeometryTransformer),
      contacts: {
        ...base.decoders.contacts,
        enabled: run.decoders.useGeometryCnn,
        hidden: decoderHidden(base.decoders.contacts.hidden),
        // The foldtree2 presets (learned positions, FoldTree2 HEAD) keep edge_logits_mlp as wide as the decoder (P = h);
        // the others use P = h / 2.
        pairHidden:
          m.hiddenSize === null
            ? base.decoders.contacts.pairHidden
            : base.encoder.learnPositions
              ? m.hiddenSize
              : Math.max(2, Math.floor(m.hiddenSize / 2)),
        dropout: pick(m.decoderDropout, base.decoders.contacts.dropout),
      },
      fft2: {
        ...base.decoders.fft2,
        enabled: run.decoders.outputFft,
        hidden: decoderHidden(base.decoders.fft2.hidden),
      },
    },
  };
  for (const name of ['sequence', 'geometry'] as const) {
    const d = config.decoders[name];
    if (d.enabled && d.hidden % d.heads !== 0) {
      throw new Error(
        `model: the ${name} decoder's width ${d.hidden} is not divisible by its ${d.heads} attention heads (set model.hiddenSize or model.decoderHeads)`,
      );
    }
  }
  if (run.losses.distanceBinEdges.length !== 7)
    throw new Error(
      `losses.distanceBinEdges: the distance head has 8 bins, so 7 edges are needed (got ${run.losses.distanceBinEdges.length})`,
    );
  return config;
}
