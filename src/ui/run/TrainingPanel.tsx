/** The training panel: controls, status, settings, live charts and the log of one run on the opened dataset. */
import { useMemo } from 'react';
import { openedDatasetFile, useDatasetStore } from '../../state/dataset-store';
import { isActive, useRunStore } from '../../state/run/run-store';
import { trainingSourceFor } from '../../state/run/training-dataset';
import { TrainingCharts } from '../charts/TrainingCharts';
import { ConfigEditor } from './ConfigEditor';
import { RunControls } from './RunControls';
import { RunLog } from './RunLog';
import { RunStatus } from './RunStatus';

export function TrainingPanel() {
  const datasetStatus = useDatasetStore((state) => state.status);
  const summary = useDatasetStore((state) => state.summary);
  const status = useRunStore((state) => state.status);
  const source = useMemo(
    () =>
      trainingSourceFor(
        { status: datasetStatus, summary },
        import.meta.env.BASE_URL,
        location.href,
        openedDatasetFile(),
      ),
    [datasetStatus, summary],
  );
  return (
    <section className="panel training-panel" aria-labelledby="training-title" data-testid="training-panel">
      <h2 id="training-title">Training</h2>
      <RunControls source={source} />
      <RunStatus />
      <div className="training-body">
        <ConfigEditor locked={isActive(status)} />
        <TrainingCharts />
      </div>
      <RunLog />
    </section>
  );
}
