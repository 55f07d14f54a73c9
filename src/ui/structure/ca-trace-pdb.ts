/**
 * A protein's CA trace as PDB text for the 3D viewer: one ATOM record per residue (chain A, residues numbered 1 … N
 * in chain order, pLDDT × 100 in the B-factor column so the viewer's own tools see it). The dataset holds CA
 * coordinates only, so the viewer draws a trace, not a full cartoon.
 */

const THREE_LETTER: Readonly<Record<string, string>> = {
  A: 'ALA',
  R: 'ARG',
  N: 'ASN',
  D: 'ASP',
  C: 'CYS',
  Q: 'GLN',
  E: 'GLU',
  G: 'GLY',
  H: 'HIS',
  I: 'ILE',
  L: 'LEU',
  K: 'LYS',
  M: 'MET',
  F: 'PHE',
  P: 'PRO',
  S: 'SER',
  T: 'THR',
  W: 'TRP',
  Y: 'TYR',
  V: 'VAL',
};

const coordinate = (value: number) => value.toFixed(3).padStart(8);

/** `ca`: N × 3 Å residue-major; `sequence`: one letter per residue; `plddt`: 0–1 per residue, or null. */
export function caTracePdb(ca: readonly number[], sequence: string, plddt: readonly number[] | null): string {
  const lines: string[] = [];
  const count = Math.floor(ca.length / 3);
  for (let k = 0; k < count; k++) {
    const serial = String(k + 1).padStart(5);
    const name = THREE_LETTER[sequence[k] ?? 'X'] ?? 'UNK';
    const resi = String((k + 1) % 10000).padStart(4);
    const b = ((plddt?.[k] ?? 0) * 100).toFixed(2).padStart(6);
    const [x = 0, y = 0, z = 0] = ca.slice(3 * k, 3 * k + 3);
    lines.push(
      `ATOM  ${serial}  CA  ${name} A${resi}    ${coordinate(x)}${coordinate(y)}${coordinate(z)}  1.00${b}           C`,
    );
  }
  lines.push('END');
  return `${lines.join('\n')}\n`;
}
