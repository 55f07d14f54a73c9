/** Test support: a tiny seeded uniform generator, so hand-made fixtures are the same on every run. Node only. */

/** mulberry32: uniform values in [0, 1), a pure function of `seed` and how many were drawn. */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
