/**
 * Stream tags: the first element of every {@link createRng} key, so that two random sources fed the
 * same (seed, epoch, …) never share a stream. Add one entry per new random source; never renumber an
 * existing one (checkpoints and reproduced runs depend on the values).
 */
export const RNG_STREAM = {
  /** Per-epoch shuffle of the protein order: key (tag, seed, epoch). */
  epochOrder: 1,
  /** Per-protein crop window: key (tag, seed, epoch, hashString(proteinId)). */
  cropWindow: 2,
  /** Initial value of one parameter: key (tag, seed, hashString(parameterName)). */
  parameterInit: 3,
  /** Non-contact pairs sampled for the edge and distance losses: key (tag, seed, step, rank). */
  negativePairs: 4,
  /** Dropout masks: key (tag, seed, step, rank, layer). */
  dropout: 5,
  /** Codebook entries re-drawn for dead codes: key (tag, seed, step). */
  deadCodeReset: 6,
  /** Residues whose encoder outputs start the codebook (`vq.codebookInit: encoder`): key (tag, seed). */
  codebookInit: 7,
} as const;

export type RngStreamName = keyof typeof RNG_STREAM;
