import { describe, expect, it } from 'vitest';
import { parsePlateauState, PLATEAU_DEFAULTS, PlateauTracker, type PlateauOptions } from './plateau';

const tracker = (options: Partial<PlateauOptions> = {}, minLr = 0): PlateauTracker =>
  new PlateauTracker({ adamw: 1e-3, muon: 2e-2 }, { adamw: minLr, muon: minLr }, { ...PLATEAU_DEFAULTS, ...options });

/** Steps `t` through `values`; returns the epochs (1-based) at which it reduced. */
function reductions(t: PlateauTracker, values: number[], inWarmup: (epoch: number) => boolean = () => false): number[] {
  return values.flatMap((v, k) => (t.step(v, inWarmup(k + 1)) ? [k + 1] : []));
}

describe('ReduceLROnPlateau semantics (mode min, rel threshold)', () => {
  it('reduces after patience + 1 = 3 bad epochs, by factor 0.1, in every group', () => {
    const t = tracker();
    // epoch 1 sets best = 1; epochs 2, 3, 4 are bad; the third bad one (epoch 4) reduces.
    expect(reductions(t, [1, 1, 1])).toEqual([]);
    expect(t.step(1)).toBe(true);
    expect(t.lr('adamw')).toBeCloseTo(1e-4, 15);
    expect(t.lr('muon')).toBeCloseTo(2e-3, 15);
    // The counter restarts: the next reduction needs 3 more bad epochs.
    expect(reductions(t, [1, 1, 1, 1, 1, 1])).toEqual([3, 6]);
    expect(t.lr('adamw')).toBeCloseTo(1e-6, 18);
  });

  it('an improvement resets the bad-epoch count', () => {
    const t = tracker();
    expect(reductions(t, [1, 1, 1, 0.5, 0.5, 0.5, 0.5])).toEqual([7]);
  });

  it('needs a relative improvement larger than threshold 1e-4', () => {
    const t = tracker();
    t.step(1);
    // 0.99995 > 1·(1 − 1e-4) = 0.9999: not better, a bad epoch.
    expect(t.step(0.99995)).toBe(false);
    expect(t.state().numBadEpochs).toBe(1);
    expect(t.state().best).toBe(1);
    // 0.9998 < 0.9999: better, becomes the best and clears the count.
    t.step(0.9998);
    expect(t.state()).toMatchObject({ best: 0.9998, numBadEpochs: 0 });
    const loose = tracker({ threshold: 0.1 });
    loose.step(1);
    loose.step(0.95); // needs < 0.9
    expect(loose.state()).toMatchObject({ best: 1, numBadEpochs: 1 });
  });

  it('cooldown: bad epochs during the cooldown are not counted', () => {
    const t = tracker({ cooldown: 2 });
    // reduce at 4; epochs 5, 6 are cooldown (count cleared); 7, 8, 9 bad → reduce at 9.
    expect(reductions(t, Array(12).fill(1) as number[])).toEqual([4, 9]);
    // Without cooldown: 4, 7, 10.
    expect(reductions(tracker(), Array(12).fill(1) as number[])).toEqual([4, 7, 10]);
  });

  it('min_lr floors each group and a change below eps 1e-8 is not applied', () => {
    const t = tracker({ factor: 0.5 }, 3e-4);
    expect(reductions(t, Array(13).fill(1) as number[])).toEqual([4, 7, 10, 13]);
    // adamw: 1e-3 → 5e-4 → 3e-4 (floor) → stays; muon: 2e-2 → 1e-2 → 5e-3 → 2.5e-3 → 1.25e-3.
    expect(t.lr('adamw')).toBeCloseTo(3e-4, 15);
    expect(t.lr('muon')).toBeCloseTo(1.25e-3, 15);
    const tiny = new PlateauTracker({ g: 1.5e-8 }, { g: 0 }, PLATEAU_DEFAULTS);
    reductions(tiny, [1, 1, 1, 1]); // 1.5e-8 → 1.5e-9 is a change of 1.35e-8 > 1e-8: applied
    expect(tiny.lr('g')).toBeCloseTo(1.5e-9, 20);
    reductions(tiny, [1, 1, 1]); // 1.5e-9 → 1.5e-10 changes by 1.35e-9 < 1e-8: not applied
    expect(tiny.lr('g')).toBeCloseTo(1.5e-9, 20);
  });

  it('NaN is a bad epoch; the first finite value beats the initial +inf', () => {
    const t = tracker();
    expect(reductions(t, [NaN, NaN, NaN])).toEqual([3]);
    expect(t.state().best).toBeNull();
    t.step(5);
    expect(t.state().best).toBe(5);
  });

  it('epochs inside warm-up may set the best but never count as bad', () => {
    const t = tracker();
    expect(reductions(t, [1, 2, 2, 2, 2], (epoch) => epoch <= 4)).toEqual([]);
    expect(t.state()).toMatchObject({ best: 1, numBadEpochs: 1 });
    expect(reductions(t, [2, 2])).toEqual([2]);
  });
});

describe('state', () => {
  it('round-trips through JSON and resumes identically', () => {
    const a = tracker({ cooldown: 1 });
    reductions(a, [3, 2, 2, 2, 2, 2]);
    const saved = parsePlateauState(JSON.parse(JSON.stringify(a.state())) as unknown);
    const b = tracker({ cooldown: 1 });
    b.load(saved);
    const rest = [2, 2, 2, 1.5, 1.6, 1.6, 1.6, 1.6];
    expect(reductions(b, rest)).toEqual(reductions(a, rest));
    expect(b.state()).toEqual(a.state());
  });

  it('keeps best = null (PyTorch +inf) through JSON before the first epoch', () => {
    const fresh = parsePlateauState(JSON.parse(JSON.stringify(tracker().state())) as unknown);
    expect(fresh.best).toBeNull();
  });

  it('rejects malformed states and mismatched groups', () => {
    expect(() => parsePlateauState({ lrs: {}, best: 'x', numBadEpochs: 0, cooldownCounter: 0, epochs: 0 })).toThrow(
      /best/,
    );
    expect(() =>
      parsePlateauState({ lrs: { a: 1 }, best: null, numBadEpochs: -1, cooldownCounter: 0, epochs: 0 }),
    ).toThrow(/numBadEpochs/);
    expect(() =>
      tracker().load({ lrs: { other: 1 }, best: null, numBadEpochs: 0, cooldownCounter: 0, epochs: 0 }),
    ).toThrow(/groups/);
  });
});
