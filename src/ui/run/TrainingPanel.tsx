/** The training panel: controls, status, settings, live charts and the log of one run on the opened dataset. */
import { isActive, useRunStore } from '../../state/run/run-store';
import { TrainingCharts } from '../charts/TrainingCharts';
import { ConfigEditor } from './ConfigEditor';
import { RunControls } from './RunControls';
import { RunLog } from './RunLog';
import { RunStatus } from './RunStatus';
import { useTrainingSource } from './use-training-source';

export function TrainingPanel() {
  const status = useRunStore((state) => state.status);
  const source = useTrainingSource();
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
