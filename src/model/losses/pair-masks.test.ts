import { describe, expect, test } from 'vitest';
import type { PaddedBatch } from '../../protocol/padded-batch';
import { sampleBatch } from '../testing/sample-batch.node';
import { buildBatch, mixedBatch } from './loss-fixtures.node';
import { pairMasks } from './pair-masks';

/** Checks every invariant of the masks against the batch; returns the per-protein available counts. */
function checkMasks(batch: PaddedBatch, key: { seed: number; step: number; rank: number }): number[] {
  const { batchSize: B, paddedLength: L } = batch;
  const m = pairMasks(batch, key);
  const available: number[] = [];
  let wrongPositive = 0;
  let badNegative = 0;
  for (let b = 0; b < B; b++) {
    const n = batch.lengths[b] ?? 0;
    let [pos, neg, free] = [0, 0, 0];
    for (let i = 0; i < L; i++) {
      for (let j = 0; j < L; j++) {
        const cell = (b * L + i) * L + j;
        const contact = batch.contactMask[cell] === 1;
        const inside = i < n && j < n && i !== j;
        if (m.positive[cell] !== (contact && inside ? 1 : 0)) wrongPositive++;
        if (m.negative[cell] === 1) {
          neg++;
          if (!inside || contact) badNegative++;
        } else if (m.negative[cell] !== 0) badNegative++;
        if (contact && inside) pos++;
        if (inside && !contact) free++;
      }
    }
    expect(m.positiveCounts[b]).toBe(pos);
    expect(neg).toBe(Math.min(pos, free));
    expect(m.negativeCounts[b]).toBe(neg);
    available.push(free);
  }
  expect([wrongPositive, badNegative]).toEqual([0, 0]);
  return available;
}

describe('pairMasks', () => {
  test('negatives: real, i ≠ j, non-contact, same protein, min(positives, available) each', () => {
    const batch = mixedBatch();
    expect(checkMasks(batch, { seed: 1, step: 0, rank: 0 })).toEqual([32, 8, 0]);
    expect(Array.from(pairMasks(batch, { seed: 1, step: 0, rank: 0 }).negativeCounts)).toEqual([10, 4, 0]);
  });

  test('fewer non-contacts than contacts: every available pair is taken', () => {
    const coords: [number, number, number][] = [
      [0, 0, 0],
      [4, 0, 0],
      [8, 0, 0],
      [12, 0, 0],
      [40, 0, 0],
    ];
    const batch = buildBatch([{ length: 5, plddtIsConfidence: 1, plddt: [1, 1, 1, 1, 1], coords, contactCutoff: 10 }]);
    // Contacts: 0–1, 0–2, 1–2, 1–3, 2–3 (10 directed); non-contacts: 10 directed pairs with 0–3 and residue 4.
    const m = pairMasks(batch, { seed: 3, step: 0, rank: 0 });
    expect([m.positiveCounts[0], m.negativeCounts[0]]).toEqual([10, 10]);
    const wide = buildBatch([{ length: 5, plddtIsConfidence: 1, plddt: [1, 1, 1, 1, 1], coords, contactCutoff: 13 }]);
    const w = pairMasks(wide, { seed: 3, step: 0, rank: 0 });
    expect([w.positiveCounts[0], w.negativeCounts[0]]).toEqual([12, 8]);
    checkMasks(wide, { seed: 3, step: 0, rank: 0 });
  });

  test('seeded per protein: the same key gives the same pairs; seed and step change them, batch position and rank do not', () => {
    const batch = mixedBatch();
    const at = (seed: number, step: number, rank: number): Float32Array =>
      pairMasks(batch, { seed, step, rank }).negative;
    expect(at(4, 10, 1)).toEqual(at(4, 10, 1));
    expect(at(4, 11, 1)).not.toEqual(at(4, 10, 1));
    expect(at(5, 10, 1)).not.toEqual(at(4, 10, 1));
    // Data-parallel ranks and micro-batch splits must not change a protein's negatives.
    expect(at(4, 10, 0)).toEqual(at(4, 10, 1));
    const L = batch.paddedLength;
    const alone = pairMasks(
      {
        ...batch,
        batchSize: 1,
        ids: batch.ids.slice(1, 2),
        lengths: batch.lengths.slice(1, 2),
        cropStarts: batch.cropStarts.slice(1, 2),
        contactMask: batch.contactMask.slice(L * L, 2 * L * L),
      },
      { seed: 4, step: 10, rank: 0 },
    );
    expect(alone.negative).toEqual(at(4, 10, 0).slice(L * L, 2 * L * L));
  });

  test('roughly uniform over the available pairs (chi-square over 4,000 draws)', () => {
    const batch = mixedBatch();
    const L = batch.paddedLength;
    const counts = new Map<number, number>();
    const draws = 4000;
    for (let step = 0; step < draws; step++) {
      const neg = pairMasks(batch, { seed: 9, step, rank: 0 }).negative;
      for (let cell = 0; cell < L * L; cell++) if (neg[cell] === 1) counts.set(cell, (counts.get(cell) ?? 0) + 1);
    }
    // Protein 0: 10 of 32 available pairs per draw, so each pair is expected 4000·10/32 = 1250 times.
    expect(counts.size).toBe(32);
    const expected = (draws * 10) / 32;
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // Draws without replacement vary less than multinomial ones, so the χ²(31) bound (p = 0.001: 61.1) is loose.
    expect(chi2).toBeLessThan(61.1);
  });

  test('a real sample batch: every contact is a positive (none on the diagonal), invariants hold', async () => {
    const batch = await sampleBatch({ proteins: 4, maxLength: 300 });
    checkMasks(batch, { seed: 1, step: 0, rank: 0 });
    const m = pairMasks(batch, { seed: 1, step: 0, rank: 0 });
    expect(Array.from(m.positiveCounts)).toEqual(Array.from(batch.contactCounts));
  });

  test('4 proteins × 512 residues (≈ 1M ordered pairs) are sampled within 1 s', () => {
    const proteins = [0, 1, 2, 3].map((p) => ({
      length: 512,
      plddtIsConfidence: 1 as const,
      plddt: new Array<number>(512).fill(0.9),
      // A helix-like spiral: each residue 1.5 Å further along z, so contacts are local and plentiful.
      coords: Array.from(
        { length: 512 },
        (_, i) => [2.3 * Math.cos(1.75 * i + p), 2.3 * Math.sin(1.75 * i), 1.5 * i] as [number, number, number],
      ),
      contactCutoff: 15,
    }));
    const batch = buildBatch(proteins);
    const start = performance.now();
    const m = pairMasks(batch, { seed: 1, step: 0, rank: 0 });
    expect(performance.now() - start).toBeLessThan(1000);
    expect(Array.from(m.negativeCounts)).toEqual(Array.from(m.positiveCounts));
    expect(m.positiveCounts[0]).toBeGreaterThan(5000);
  });
});
