import { describe, expect, it } from 'vitest';
import type { DatasetSummary } from '../../protocol/dataset-messages';
import { trainingSourceFor } from './training-dataset';

const summary = (origin: DatasetSummary['origin'], name = 'sample-structs.h5'): DatasetSummary => ({
  name,
  origin,
  format: 'foldtree-studio',
  proteinCount: 12,
  lengths: [],
  proteinIds: [],
  inputWidth: 20,
  skipped: [],
  elapsedMs: 1,
});

describe('trainingSourceFor', () => {
  it('sends the bundled sample as its URL resolved against the page and base URL', () => {
    const source = trainingSourceFor(
      { status: 'ready', summary: summary('sample') },
      '/studio/',
      'http://127.0.0.1:4173/studio/index.html',
    );
    expect(source).toEqual({
      ok: true,
      dataset: {
        kind: 'sample',
        url: 'http://127.0.0.1:4173/studio/sample/sample-structs.h5',
        name: 'sample-structs.h5',
        excluded: [],
      },
      label: 'the bundled sample (12 proteins)',
      configName: 'sample/sample-structs.h5',
    });
  });

  it('explains why there is nothing to train yet', () => {
    expect(trainingSourceFor({ status: 'idle', summary: null }, '/', 'http://x/')).toMatchObject({
      ok: false,
      reason: /Open a dataset/,
    });
    expect(trainingSourceFor({ status: 'loading', summary: null }, '/', 'http://x/')).toMatchObject({
      ok: false,
      reason: /still opening/,
    });
    expect(
      trainingSourceFor({ status: 'ready', summary: summary('structures', '3 files') }, '/', 'http://x/'),
    ).toMatchObject({ ok: false, reason: /build-dataset/ });
    expect(trainingSourceFor({ status: 'ready', summary: summary('hdf5', 'mine.h5') }, '/', 'http://x/')).toMatchObject(
      { ok: false, reason: /mine\.h5/ },
    );
    const picked = new File(['x'], 'mine.h5');
    expect(
      trainingSourceFor({ status: 'ready', summary: summary('hdf5', 'mine.h5') }, '/', 'http://x/', picked),
    ).toMatchObject({ ok: true, dataset: { kind: 'file', file: picked }, label: 'mine.h5' });
  });
});
