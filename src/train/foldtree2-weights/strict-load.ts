/**
 * What a strict `load_state_dict` of an export into the model learn_lightning.py builds would report, measured
 * on the written-down state_dict (foldtree2-state-dict.ts): keys it lacks, keys it does not know, shape
 * mismatches, and the fraction of FoldTree2's parameters (scalars) that the export fills.
 */
import type { NamedTensor } from '../../formats/safetensors';
import type { StateDictEntry } from './foldtree2-state-dict';
import { STUDIO_KEY_PREFIX } from './weight-mapping';

export interface StrictLoadReport {
  /** FoldTree2 keys the export does not fill. */
  readonly missing: readonly StateDictEntry[];
  /** Non-`studio.` keys of the export FoldTree2 does not have. */
  readonly unexpected: readonly string[];
  readonly mismatched: readonly {
    readonly key: string;
    readonly exported: readonly number[];
    readonly expected: readonly number[];
  }[];
  /** Scalars filled / scalars in FoldTree2's state_dict, 0–1. */
  readonly filledFraction: number;
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export function strictLoadReport(
  exported: ReadonlyMap<string, NamedTensor>,
  table: readonly StateDictEntry[],
): StrictLoadReport {
  const known = new Map(table.map((entry) => [entry.key, entry]));
  const mismatched: { key: string; exported: readonly number[]; expected: readonly number[] }[] = [];
  let filled = 0;
  for (const [key, tensor] of exported) {
    const entry = known.get(key);
    if (!entry) continue;
    if (entry.shape.join() !== tensor.shape.join())
      mismatched.push({ key, exported: tensor.shape, expected: entry.shape });
    else filled += size(entry.shape);
  }
  const unexpected = [...exported.keys()].filter((key) => !key.startsWith(STUDIO_KEY_PREFIX) && !known.has(key));
  const missing = table.filter((entry) => !exported.has(entry.key));
  const total = table.reduce((sum, entry) => sum + size(entry.shape), 0);
  return { missing, unexpected, mismatched, filledFraction: total === 0 ? 0 : filled / total };
}
