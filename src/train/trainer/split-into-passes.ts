/**
 * A window's micro-batches (protein indices) as forward + backward passes of at most `limit` proteins each, in
 * order: a micro-batch within the limit is one pass, a larger one is cut into consecutive pieces.
 */
export function splitIntoPasses(window: readonly (readonly number[])[], limit: number): number[][] {
  return window.flatMap((indices) => {
    if (indices.length <= limit) return [[...indices]];
    const pieces: number[][] = [];
    for (let start = 0; start < indices.length; start += limit) pieces.push(indices.slice(start, start + limit));
    return pieces;
  });
}
