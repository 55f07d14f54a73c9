/** The opened dataset as a run's training source (or why there is none), recomputed when the dataset changes. */
import { useMemo } from 'react';
import { openedDatasetFile, useDatasetStore } from '../../state/dataset-store';
import { trainingSourceFor } from '../../state/run/training-dataset';

export function useTrainingSource(): ReturnType<typeof trainingSourceFor> {
  const datasetStatus = useDatasetStore((state) => state.status);
  const summary = useDatasetStore((state) => state.summary);
  return useMemo(
    () =>
      trainingSourceFor(
        { status: datasetStatus, summary },
        import.meta.env.BASE_URL,
        location.href,
        openedDatasetFile(),
      ),
    [datasetStatus, summary],
  );
}
