/** Residue-length histogram for the dataset page: fixed-width bins over [0, max]. */
export interface HistogramBin {
  /** Inclusive lower edge, in residues. */
  readonly from: number;
  /** Exclusive upper edge, in residues. */
  readonly to: number;
  readonly count: number;
}

/** Bins of `binWidth` residues (a round number chosen from the longest protein when omitted). */
export function lengthHistogram(lengths: readonly number[], binWidth?: number): HistogramBin[] {
  if (lengths.length === 0) return [];
  const longest = Math.max(...lengths);
  const width = binWidth ?? niceBinWidth(longest);
  const bins = Array.from({ length: Math.floor(longest / width) + 1 }, (_, k) => ({
    from: k * width,
    to: (k + 1) * width,
    count: 0,
  }));
  for (const length of lengths) {
    const bin = bins[Math.floor(length / width)];
    if (bin) bin.count++;
  }
  return bins;
}

function niceBinWidth(longest: number): number {
  const target = longest / 20;
  for (const width of [10, 20, 25, 50, 100, 200, 250, 500, 1000]) if (width >= target) return width;
  return Math.ceil(target / 1000) * 1000;
}
