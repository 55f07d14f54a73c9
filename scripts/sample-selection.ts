/**
 * Which chains go into the bundled sample: every AlphaFold model, then a family-diverse pick of the rest
 * (greedy farthest-first on sequence 3-mer sets), within a residue budget that keeps the file under 30 MB.
 */

export interface ManifestChain {
  /** Path relative to the structures folder. */
  readonly path: string;
  readonly chain: string;
  readonly residues: number;
  /** `pLDDT`, `B-factor` or `zero/const`, as manifest.tsv says. */
  readonly bColumn: string;
  readonly sequence: string;
}

export interface SelectionLimits {
  readonly chains: number;
  readonly residueBudget: number;
  readonly minResidues: number;
  readonly maxResidues: number;
}

/** Parses manifest.tsv (header: source, path, format, models, chain, n_ca, b_column, sequence). */
export function parseManifest(text: string): ManifestChain[] {
  const [header, ...rows] = text.trim().split('\n');
  const columns = (header ?? '').split('\t');
  const at = (name: string) => {
    const k = columns.indexOf(name);
    if (k < 0) throw new Error(`manifest.tsv has no '${name}' column`);
    return k;
  };
  const [path, chain, residues, bColumn, sequence] = [
    at('path'),
    at('chain'),
    at('n_ca'),
    at('b_column'),
    at('sequence'),
  ];
  return rows.map((row) => {
    const cells = row.split('\t');
    return {
      path: cells[path] ?? '',
      chain: cells[chain] ?? '',
      residues: Number(cells[residues]),
      bColumn: cells[bColumn] ?? '',
      sequence: cells[sequence] ?? '',
    };
  });
}

function kmers(sequence: string): Set<string> {
  const set = new Set<string>();
  for (let k = 0; k + 3 <= sequence.length; k++) set.add(sequence.slice(k, k + 3));
  return set;
}

/** Jaccard similarity of two 3-mer sets: 1 for identical sequences, near 0 for unrelated ones. */
export function kmerSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const kmer of a) if (b.has(kmer)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/**
 * AlphaFold models (pLDDT column) first, whatever their length; then, repeatedly, the candidate least similar to
 * everything chosen so far (ties: manifest order), until `chains` are chosen or the budget is spent.
 */
export function selectSampleChains(manifest: readonly ManifestChain[], limits: SelectionLimits): ManifestChain[] {
  const chosen = manifest.filter((c) => c.bColumn === 'pLDDT');
  const candidates = manifest.filter(
    (c) => c.bColumn !== 'pLDDT' && c.residues >= limits.minResidues && c.residues <= limits.maxResidues,
  );
  const sets = candidates.map((c) => kmers(c.sequence));
  // Highest similarity of each candidate to anything chosen so far.
  const nearest = candidates.map((_, k) =>
    Math.max(0, ...chosen.map((c) => kmerSimilarity(sets[k] ?? new Set(), kmers(c.sequence)))),
  );
  const taken = new Set<number>();
  let residues = chosen.reduce((sum, c) => sum + c.residues, 0);
  while (chosen.length < limits.chains) {
    let best = -1;
    for (let k = 0; k < candidates.length; k++) {
      if (taken.has(k) || residues + (candidates[k]?.residues ?? 0) > limits.residueBudget) continue;
      if (best < 0 || (nearest[k] ?? 1) < (nearest[best] ?? 1)) best = k;
    }
    const pick = candidates[best];
    if (!pick) break;
    taken.add(best);
    chosen.push(pick);
    residues += pick.residues;
    const pickSet = sets[best] ?? new Set<string>();
    for (let k = 0; k < candidates.length; k++)
      if (!taken.has(k)) nearest[k] = Math.max(nearest[k] ?? 0, kmerSimilarity(sets[k] ?? new Set(), pickSet));
  }
  return chosen;
}
