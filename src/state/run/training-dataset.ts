/**
 * Which dataset a run trains on, from what the dataset panel has open: the bundled sample goes to the trainer as
 * its URL (the trainer opens it itself); a picked .h5 goes as its `File` (the trainer mounts it itself, without a
 * copy). Either way the proteins the panel's value check set aside go along, so no trainer reads them. Structure files need building into HDF5 first: that comes back as the reason Start is unavailable.
 */
import type { DatasetSummary } from '../../protocol/dataset-messages';
import type { TrainingDataset } from '../../protocol/coordinator-messages';
import { SAMPLE_DATASET, type DatasetState } from '../dataset-store';

export type TrainingSource =
  | { readonly ok: true; readonly dataset: TrainingDataset; readonly label: string; readonly configName: string }
  | { readonly ok: false; readonly reason: string };

/** The dataset to send with `start`, or why there is none. `baseUrl`/`pageUrl` resolve the sample's URL. */
export function trainingSourceFor(
  dataset: Pick<DatasetState, 'status' | 'summary'>,
  baseUrl: string,
  pageUrl: string,
  pickedFile: File | null = null,
): TrainingSource {
  const summary: DatasetSummary | null = dataset.summary;
  if (!summary) {
    return {
      ok: false,
      reason:
        dataset.status === 'loading'
          ? 'The dataset is still opening…'
          : 'Open a dataset first (the bundled sample opens by itself).',
    };
  }
  if (dataset.status === 'loading') return { ok: false, reason: 'The dataset is still opening…' };
  switch (summary.origin) {
    case 'sample': {
      const url = new URL(SAMPLE_DATASET.path, new URL(baseUrl, pageUrl)).href;
      return {
        ok: true,
        dataset: { kind: 'sample', url, name: SAMPLE_DATASET.name, excluded: summary.skipped },
        label: `the bundled sample (${summary.proteinCount} proteins)`,
        configName: SAMPLE_DATASET.path,
      };
    }
    case 'hdf5':
      if (pickedFile)
        return {
          ok: true,
          dataset: { kind: 'file', file: pickedFile, excluded: summary.skipped },
          label: pickedFile.name,
          configName: pickedFile.name,
        };
      return { ok: false, reason: `Open ${summary.name} again to train on it (the page no longer holds the file).` };
    case 'structures':
      return {
        ok: false,
        reason:
          'The trainer reads HDF5: build these structures into an .h5 first (npm run build-dataset), or train on the bundled sample.',
      };
  }
}
