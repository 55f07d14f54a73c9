import { describe, expect, it } from 'vitest';
import { backboneEdges } from './backbone-edges';
import { contactEdges } from './contacts';
import { localFrames } from './local-frames';
import { positionEncoding } from './position-encoding';

describe('positionEncoding', () => {
  it('uses base 10: PE[p,2k] = sin(p·10^(−2k/256)), PE[p,2k+1] = cos(…)', () => {
    const pe = positionEncoding(3);
    expect(pe.length).toBe(3 * 256);
    expect(pe[0]).toBe(0);
    expect(pe[1]).toBe(1);
    expect(pe[256]).toBeCloseTo(Math.sin(1), 6);
    expect(pe[257]).toBeCloseTo(Math.cos(1), 6);
    expect(pe[2 * 256 + 2]).toBeCloseTo(Math.sin(2 * 10 ** (-2 / 256)), 6);
    expect(pe[2 * 256 + 255]).toBeCloseTo(Math.cos(2 * 10 ** (-254 / 256)), 6);
  });
});

describe('localFrames', () => {
  it('builds e1 = unit(C−CA), e2 ⟂ e1 toward N, e3 = e1 × e2 as columns, and CA steps', () => {
    const backbone = {
      length: 2,
      n: Float32Array.from([1, 1, 0, 0, 0, 0]),
      ca: Float32Array.from([0, 0, 0, 3, 4, 0]),
      c: Float32Array.from([2, 0, 0, 3, 4, 0]),
      o: new Float32Array(6),
    };
    const { rotations, translations } = localFrames(backbone);
    // e1 = (1,0,0), e2 = (0,1,0), e3 = (0,0,1) → identity, row-major.
    expect(Array.from(rotations.subarray(0, 9))).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    // Residue 1 has C on top of CA: no frame, zeros.
    expect(Array.from(rotations.subarray(9))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(translations)).toEqual([3, 4, 0, 0, 0, 0]);
  });
});

describe('contactEdges', () => {
  it('links every ordered pair closer than the cutoff, both directions, with the true distance', () => {
    const ca = Float32Array.from([0, 0, 0, 3, 0, 0, 0, 4, 0, 20, 0, 0]);
    const edges = contactEdges(ca, 4, 5.5);
    // pairs: 0–1 (3), 0–2 (4), 1–2 (5); 3 is isolated
    expect(edges.count).toBe(6);
    expect(Array.from(edges.index)).toEqual([0, 0, 1, 1, 2, 2, 1, 2, 0, 2, 0, 1]);
    expect(Array.from(edges.attr ?? [])).toEqual([3, 4, 3, 5, 4, 5]);
    expect(contactEdges(ca, 4, 5).count).toBe(4); // strict <: the 5 Å pair drops out
    expect(() => contactEdges(ca, 4, 0)).toThrow(/cutoff/);
  });
});

describe('backboneEdges', () => {
  it('points backbone i+1 → i and backbonerev i → i+1, N−1 edges each, attr 1, no self-loops', () => {
    const { backbone, backboneReverse } = backboneEdges(4);
    expect(backbone.count).toBe(3);
    expect(Array.from(backbone.index)).toEqual([1, 2, 3, 0, 1, 2]);
    expect(Array.from(backboneReverse.index)).toEqual([0, 1, 2, 1, 2, 3]);
    expect(Array.from(backbone.attr ?? [])).toEqual([1, 1, 1]);
    expect(backboneEdges(1).backbone.count).toBe(0);
  });
});
