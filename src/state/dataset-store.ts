/** The opened dataset as the first page sees it: loading status, progress, summary or a clear error. */
import { create } from 'zustand';
import { DatasetClient, type DatasetProgress } from '../client/dataset-client';
import type { DatasetSummary } from '../protocol/dataset-messages';

export const SAMPLE_DATASET = { name: 'sample-structs.h5', path: 'sample/sample-structs.h5' } as const;

export interface DatasetState {
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  readonly progress: DatasetProgress | null;
  readonly summary: DatasetSummary | null;
  readonly error: string | null;
}

const initialState: DatasetState = { status: 'idle', progress: null, summary: null, error: null };

export const useDatasetStore = create<DatasetState>()(() => initialState);

let client: DatasetClient | null = null;
function datasetClient(): DatasetClient {
  client ??= new DatasetClient();
  return client;
}

/** Ticket of the latest request: an older answer never overwrites a newer one. */
let latest = 0;

/**
 * The `.h5` file the open dataset came from, so a training run can open it too. A `File` is not serialisable data,
 * so it lives beside the store, not in it; null for the sample and for structure files.
 */
let openedFile: File | null = null;
export function openedDatasetFile(): File | null {
  return openedFile;
}

async function track(
  open: (onProgress: (p: DatasetProgress) => void) => Promise<DatasetSummary>,
  file: File | null = null,
): Promise<void> {
  const ticket = ++latest;
  useDatasetStore.setState({ status: 'loading', progress: null, error: null });
  try {
    const summary = await open((progress) => {
      if (ticket === latest) useDatasetStore.setState({ progress });
    });
    if (ticket === latest) {
      openedFile = summary.origin === 'hdf5' ? file : null;
      useDatasetStore.setState({ status: 'ready', summary, progress: null });
    }
  } catch (error) {
    // A failed load keeps the previously opened dataset, so nothing the user had is lost.
    if (ticket === latest)
      useDatasetStore.setState({
        status: 'error',
        error: error instanceof Error ? error.message : String(error),
        progress: null,
      });
  }
}

export function loadSampleDataset(baseUrl: string): Promise<void> {
  const url = new URL(SAMPLE_DATASET.path, new URL(baseUrl, location.href)).href;
  return track((onProgress) => datasetClient().openSample(url, SAMPLE_DATASET.name, onProgress));
}

export function loadDatasetFiles(files: readonly File[]): Promise<void> {
  return track(
    (onProgress) => datasetClient().openFiles(files, onProgress),
    files.length === 1 ? (files[0] ?? null) : null,
  );
}

export function resetDatasetStore(): void {
  latest++;
  openedFile = null;
  useDatasetStore.setState(initialState);
}
