/**
 * Test fixtures for the loss terms: small hand-built PaddedBatches with padding, pLDDT-masked residues, a
 * B-factor protein, an unlabelled residue and a protein without available negatives, plus seeded predictions.
 */
import type { PaddedBatch } from '../../protocol/padded-batch';
import { createRng, type SeededRng } from '../../shared/seeded-rng';

export interface ProteinSpec {
  readonly length: number;
  readonly plddtIsConfidence: 0 | 1;
  readonly plddt: readonly number[];
  /** CA coordinates, Å, one [x, y, z] per residue. */
  readonly coords: readonly (readonly [number, number, number])[];
  /** Residues whose AA row stays all-zero (an unknown residue). */
  readonly unlabelledAminoAcids?: readonly number[];
  /** Contacts are CA–CA < cutoff (Å). Angles follow the chain-end rule: phi_0 and psi/omega of the last are 0. */
  readonly contactCutoff: number;
}

const FIXTURE_KEY = 9001;

function angleValue(rng: SeededRng): number {
  // Away from 0 so it counts as defined, anywhere else in (−π, π).
  const v = (2 * rng.nextFloat() - 1) * Math.PI;
  return Math.fround(Math.abs(v) < 0.05 ? 0.5 : v);
}

/** A PaddedBatch from per-protein specs; contacts are CA–CA < contactCutoff, both directions, no self-loops. */
export function buildBatch(proteins: readonly ProteinSpec[], seed = 1, fft2Columns = 0): PaddedBatch {
  const rng = createRng(FIXTURE_KEY, seed);
  const B = proteins.length;
  const L = Math.max(...proteins.map((p) => p.length));
  const residueMask = new Float32Array(B * L);
  const aa = new Float32Array(B * L * 20);
  const ss = new Float32Array(B * L * 3);
  const angles = new Float32Array(B * L * 3);
  const plddt = new Float32Array(B * L);
  const coords = new Float32Array(B * L * 3);
  const contactMask = new Uint8Array(B * L * L);
  const contactDistance = new Float32Array(B * L * L);
  const contactCounts = new Int32Array(B);
  proteins.forEach((p, b) => {
    for (let i = 0; i < p.length; i++) {
      const r = b * L + i;
      residueMask[r] = 1;
      plddt[r] = p.plddt[i] ?? 0;
      coords.set(p.coords[i] ?? [0, 0, 0], 3 * r);
      if (!(p.unlabelledAminoAcids ?? []).includes(i)) aa[20 * r + rng.nextInt(20)] = 1;
      ss[3 * r + rng.nextInt(3)] = 1;
      angles[3 * r] = i === 0 ? 0 : angleValue(rng);
      angles[3 * r + 1] = i === p.length - 1 ? 0 : angleValue(rng);
      angles[3 * r + 2] = i === p.length - 1 ? 0 : angleValue(rng);
    }
    for (let i = 0; i < p.length; i++) {
      for (let j = 0; j < p.length; j++) {
        const [a, c] = [p.coords[i] ?? [0, 0, 0], p.coords[j] ?? [0, 0, 0]];
        const d = Math.sqrt((a[0] - c[0]) ** 2 + (a[1] - c[1]) ** 2 + (a[2] - c[2]) ** 2);
        if (i === j || d >= p.contactCutoff) continue;
        contactMask[(b * L + i) * L + j] = 1;
        contactDistance[(b * L + i) * L + j] = d;
        contactCounts[b] = (contactCounts[b] ?? 0) + 1;
      }
    }
  });
  const fft2 = (): Float32Array =>
    Float32Array.from({ length: B * fft2Columns }, () => Math.fround(20 * rng.nextFloat() - 5));
  return {
    batchSize: B,
    paddedLength: L,
    ids: proteins.map((_, b) => `fixture_${b}`),
    sequences: proteins.map((p) => 'A'.repeat(p.length)),
    lengths: Int32Array.from(proteins, (p) => p.length),
    fullLengths: Int32Array.from(proteins, (p) => p.length),
    cropStarts: new Int32Array(B),
    plddtIsConfidence: Uint8Array.from(proteins, (p) => p.plddtIsConfidence),
    residueMask,
    residueFeatures: {
      AA: { data: aa, cols: 20 },
      ss: { data: ss, cols: 3 },
      bondangles: { data: angles, cols: 3 },
      plddt: { data: plddt, cols: 1 },
      coords: { data: coords, cols: 3 },
    },
    proteinFeatures:
      fft2Columns > 0
        ? { fourier2dr: { data: fft2(), cols: fft2Columns }, fourier2di: { data: fft2(), cols: fft2Columns } }
        : {},
    contactMask,
    contactDistance,
    contactCounts,
  };
}

function randomCoords(rng: SeededRng, n: number, box: number): [number, number, number][] {
  return Array.from(
    { length: n },
    () => [0, 1, 2].map(() => Math.fround(box * rng.nextFloat())) as [number, number, number],
  );
}

/** Three residues 3.8 Å apart on a line, all within the 15 Å cutoff of each other: no negative pair to sample. */
const THREE_IN_CONTACT: Pick<ProteinSpec, 'length' | 'coords' | 'contactCutoff'> = {
  length: 3,
  coords: [
    [0, 0, 0],
    [3.8, 0, 0],
    [7.6, 0, 0],
  ],
  contactCutoff: 15,
};

/**
 * Three proteins, L = 7: (0) pLDDT protein, 7 residues, residues 1, 3 (plddt exactly 0.3) and 5 below the
 * threshold, residue 2 unlabelled; (1) B-factor protein, 4 residues, all plddt < 0.3; (2) pLDDT protein, 3
 * residues all in contact (no negatives available).
 */
export function mixedBatch(fft2Columns = 1300): PaddedBatch {
  const rng = createRng(FIXTURE_KEY, 77);
  return buildBatch(
    [
      {
        length: 7,
        plddtIsConfidence: 1,
        plddt: [0.9, 0.2, 0.8, 0.3, 0.95, 0.1, 0.7],
        coords: randomCoords(rng, 7, 45),
        unlabelledAminoAcids: [2],
        contactCutoff: 22,
      },
      {
        length: 4,
        plddtIsConfidence: 0,
        plddt: [0.1, 0.05, 0.2, 0.25],
        coords: randomCoords(rng, 4, 30),
        contactCutoff: 18,
      },
      { ...THREE_IN_CONTACT, plddtIsConfidence: 1, plddt: [0.8, 0.9, 0.85] },
    ],
    3,
    fft2Columns,
  );
}

/** One 3-residue protein, all in contact, every residue below the pLDDT threshold and unlabelled: every mask empty. */
export function emptyBatch(): PaddedBatch {
  return buildBatch([
    { ...THREE_IN_CONTACT, plddtIsConfidence: 1, plddt: [0.1, 0.2, 0.25], unlabelledAminoAcids: [0, 1, 2] },
  ]);
}

/** Float32-exact seeded values: uniform in [lo, hi). */
export function uniformValues(size: number, lo: number, hi: number, seed: number): Float32Array {
  const rng = createRng(FIXTURE_KEY, 5, seed);
  return Float32Array.from({ length: size }, () => lo + (hi - lo) * rng.nextFloat());
}
