/**
 * Names of structure predictors as they appear in file headers (AlphaFold DB titles, REMARK lines, mmCIF
 * `_software.name`), used to tell a predicted model (B column = pLDDT) from an experimental structure.
 */
const PREDICTORS: readonly (readonly [pattern: RegExp, name: string])[] = [
  [/ALPHA\s?FOLD/i, 'AlphaFold'],
  [/COLABFOLD/i, 'ColabFold'],
  [/ESM\s?FOLD/i, 'ESMFold'],
  [/OPENFOLD/i, 'OpenFold'],
  [/ROSETTA\s?FOLD/i, 'RoseTTAFold'],
  [/OMEGAFOLD/i, 'OmegaFold'],
  [/\bBOLTZ-?[12]?\b/i, 'Boltz'],
  [/\bCHAI-1\b/i, 'Chai-1'],
];

/** The first predictor named in `text` (header text of a file), or '' when none is. */
export function findPredictor(text: string): string {
  for (const [pattern, name] of PREDICTORS) {
    if (pattern.test(text)) return name;
  }
  return '';
}

/**
 * Whether unit-cell edges (Å) describe a real crystal cell rather than the 1×1×1 placeholder that predictors,
 * NMR and EM depositions write.
 */
export function isRealUnitCell(a: number, b: number, c: number): boolean {
  const finite = Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c);
  return finite && !(a <= 1 && b <= 1 && c <= 1);
}
