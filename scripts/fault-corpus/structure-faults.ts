/**
 * Generated structure files for `build-dataset` and the page's structure import (class 5 of the fault corpus),
 * each made from one real PDB file by rewriting its ATOM records: a chain id reused in a separate block, all
 * coordinates zero, waters only, the same file name in two folders, and one chain longer than any real one here
 * (class 2: a protein too long to train uncropped in a large batch).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** The ATOM records of a (plain or gzip'd) PDB file's first model. */
export function atomRecords(path: string): string[] {
  const raw = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('latin1');
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('ENDMDL')) break;
    if (line.startsWith('ATOM  ')) lines.push(line.padEnd(80));
  }
  return lines;
}

const withChain = (line: string, chain: string): string => `${line.slice(0, 21)}${chain}${line.slice(22)}`;
const zeroed = (line: string): string => `${line.slice(0, 30)}${'   0.000'.repeat(3)}${line.slice(54)}`;

function pdb(blocks: readonly (readonly string[])[]): string {
  return `${blocks.map((block) => `${block.join('\n')}\nTER`).join('\n')}\nEND\n`;
}

/** Chains A, B, then A again with the same residue numbers: three proteins of `atoms`' length each. */
export function reusedChainPdb(atoms: readonly string[]): string {
  return pdb([
    atoms.map((l) => withChain(l, 'A')),
    atoms.map((l) => withChain(l, 'B')),
    atoms.map((l) => withChain(l, 'A')),
  ]);
}

/** Every coordinate 0.000 (a placeholder model). */
export function zeroCoordinatesPdb(atoms: readonly string[]): string {
  return pdb([atoms.map(zeroed)]);
}

/** The residue number (columns 23-26) of an ATOM record. */
const residueNumber = (line: string): number => Number(line.slice(22, 26));

/** `line` moved `dx` Å along x, renumbered to residue `residue` and atom `serial`. */
function relocated(line: string, dx: number, residue: number, serial: number): string {
  const x = (Number(line.slice(30, 38)) + dx).toFixed(3).padStart(8);
  return `${line.slice(0, 6)}${String(serial % 100000).padStart(5)}${line.slice(11, 22)}${String(residue).padStart(4)}${line.slice(26, 30)}${x}${line.slice(38)}`;
}

/**
 * One chain A of exactly `residues` residues, made of copies of `atoms`' residues laid side by side 80 Å apart
 * along x (each copy a real fold; no contacts between copies), numbered 1…`residues`.
 */
export function longChainPdb(atoms: readonly string[], residues: number): string {
  const perResidue: string[][] = [];
  for (const line of atoms) {
    const last = perResidue.at(-1);
    if (last && residueNumber(last[0] ?? '') === residueNumber(line)) last.push(line);
    else perResidue.push([line]);
  }
  if (perResidue.length === 0) throw new Error('longChainPdb: no ATOM records to copy');
  const lines: string[] = [];
  for (let k = 0; k < residues; k += 1) {
    const copy = Math.floor(k / perResidue.length);
    for (const line of perResidue[k % perResidue.length] ?? []) {
      lines.push(withChain(relocated(line, copy * 80, k + 1, lines.length + 1), 'A'));
    }
  }
  return pdb([lines]);
}

/** 30 waters and nothing else. */
export function watersOnlyPdb(): string {
  const waters = Array.from({ length: 30 }, (_, k) => {
    const serial = String(k + 1).padStart(5);
    const seq = String(k + 1).padStart(4);
    const x = (k * 2.9).toFixed(3).padStart(8);
    return `HETATM${serial}  O   HOH A${seq}    ${x}   1.000   2.000  1.00 20.00           O`;
  });
  return `${waters.join('\n')}\nEND\n`;
}

/** The generated structure faults in `dir`; `base` is a real single-chain PDB file. Returns the paths. */
export function writeStructureFaults(
  dir: string,
  base: string,
): { reusedChain: string; zeroCoordinates: string; watersOnly: string; sameName: readonly [string, string] } {
  const atoms = atomRecords(base);
  mkdirSync(join(dir, 'first'), { recursive: true });
  mkdirSync(join(dir, 'second'), { recursive: true });
  const paths = {
    reusedChain: join(dir, 'reused-chain.pdb'),
    zeroCoordinates: join(dir, 'zero-coordinates.pdb'),
    watersOnly: join(dir, 'waters-only.pdb'),
    sameName: [join(dir, 'first', 'same.pdb'), join(dir, 'second', 'same.pdb')] as const,
  };
  writeFileSync(paths.reusedChain, reusedChainPdb(atoms));
  writeFileSync(paths.zeroCoordinates, zeroCoordinatesPdb(atoms));
  writeFileSync(paths.watersOnly, watersOnlyPdb());
  for (const path of paths.sameName) writeFileSync(path, pdb([atoms]));
  return paths;
}
