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
} as const;

export type RngStreamName = keyof typeof RNG_STREAM;
