/**
 * Decides what the B column of a chain holds, so `plddt` (B ÷ 100) is only trusted for predicted models:
 *   'unknown' — the CA values are all equal (all zero, or one placeholder value);
 *   'bfactor' — the file declares an experiment (EXPDTA / _exptl.method, a real unit cell);
 *   'plddt'   — the header names a predictor (AlphaFold, ColabFold, ...) and values lie in [0, 100]
 *               ('unknown' when a predicted model's values fall outside that range);
 *   otherwise (a header-less file) 'plddt' only when values lie in [0, 100], vary, and every residue's
 *   atoms share one value — predictors write one pLDDT per residue, refinement gives each atom its own B.
 *   Files stripped of their header (common in benchmark sets) are experimental far more often than not,
 *   so a header-less file with per-atom values, or a CA-only one, counts as 'bfactor'.
 */
import type { PlddtSource } from '../../protocol/protein-graph';
import type { ParsedStructure, Residue } from '../structure/structure-types';

/** Methods that describe a computed model rather than an experiment. */
const NON_EXPERIMENTAL_METHOD = /THEORETICAL|PREDICT|COMPUTATIONAL|IN SILICO/i;

export type BColumnHeader = Pick<ParsedStructure, 'experimentalMethod' | 'hasUnitCell' | 'predictor'>;

function hasExperimentMarker(header: BColumnHeader): boolean {
  const method = header.experimentalMethod.trim();
  return header.hasUnitCell || (method !== '' && !NON_EXPERIMENTAL_METHOD.test(method));
}

/** True when at least half the residues have ≥ 2 atoms and each such residue has a single B value. */
function perResidueConstant(residues: readonly Residue[]): boolean {
  let multiAtom = 0;
  for (const residue of residues) {
    if (residue.atoms.size < 2) continue;
    multiAtom++;
    let first: number | undefined;
    for (const atom of residue.atoms.values()) {
      first ??= atom.bFactor;
      if (atom.bFactor !== first) return false;
    }
  }
  return multiAtom * 2 >= residues.length && multiAtom > 0;
}

/**
 * @param header the file-level facts from the parser.
 * @param residues the chain's residues that become graph rows (their CA B values are the `plddt` column).
 */
export function classifyBColumn(header: BColumnHeader, residues: readonly Residue[]): PlddtSource {
  let min = Infinity;
  let max = -Infinity;
  for (const residue of residues) {
    const b = residue.atoms.get('CA')?.bFactor ?? 0;
    min = Math.min(min, b);
    max = Math.max(max, b);
  }
  if (!(max > min)) return 'unknown';
  if (hasExperimentMarker(header)) return 'bfactor';
  const inRange = min >= 0 && max <= 100;
  if (header.predictor !== '') return inRange ? 'plddt' : 'unknown';
  return inRange && perResidueConstant(residues) ? 'plddt' : 'bfactor';
}
