/** The runs this browser trained (kept in IndexedDB): overlay any of them on the charts, rename, delete, download. */
import { useEffect } from 'react';
import { loadRuns } from '../../state/runs/runs-store';
import { useRunsStore } from '../../state/runs/runs-state';
import { RunRow } from './RunRow';

export function RunsPanel() {
  const runs = useRunsStore((state) => state.runs);
  const overlaid = useRunsStore((state) => state.overlaid);
  const activeRunId = useRunsStore((state) => state.activeRunId);
  const loaded = useRunsStore((state) => state.loaded);
  const persistent = useRunsStore((state) => state.persistent);
  useEffect(() => {
    void loadRuns();
  }, []);
  const colorOf = (id: string): string | null => overlaid.find((overlay) => overlay.id === id)?.color ?? null;
  return (
    <section
      className="panel runs-panel"
      aria-labelledby="runs-title"
      data-testid="runs-panel"
      data-loaded={loaded}
      style={{ gridColumn: '1 / -1' }}
    >
      <h2 id="runs-title">Runs</h2>
      {!persistent && <p className="warn">This browser refused storage: runs are kept only while this page is open.</p>}
      {loaded && runs.length === 0 && (
        <p className="muted">Runs you train are kept here, with their settings, metrics and checkpoints.</p>
      )}
      {runs.length > 0 && (
        <table className="timings runs-table" data-testid="runs-table">
          <thead>
            <tr>
              <th title="Draw on the charts">overlay</th>
              <th>name</th>
              <th>started</th>
              <th>steps</th>
              <th>state</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <RunRow key={run.id} run={run} overlayColor={colorOf(run.id)} activeRunId={activeRunId} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
