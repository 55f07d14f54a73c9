import { useDatasetStore, loadDatasetFiles, loadSampleDataset } from '../../state/dataset-store';
import { FilePicker } from './FilePicker';
import { LengthHistogram } from './LengthHistogram';
import { ProteinRows } from './ProteinRows';
import { SkippedList } from './SkippedList';

export function DatasetPanel() {
  const { status, progress, summary, error } = useDatasetStore();
  return (
    <section className="panel" aria-labelledby="dataset-title" data-testid="dataset-panel">
      <h2 id="dataset-title">Dataset</h2>
      <FilePicker
        onFiles={(files) => void loadDatasetFiles(files)}
        onSample={() => void loadSampleDataset(import.meta.env.BASE_URL)}
        busy={status === 'loading'}
      />
      {status === 'loading' && (
        <p className="status" data-testid="dataset-loading">
          {progress ? `${progress.label} (${progress.done} / ${progress.total})` : 'Opening…'}
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="dataset-error">
          {error}
        </p>
      )}
      {summary && (
        <div className="dataset-summary">
          <dl className="facts">
            <dt>Source</dt>
            <dd data-testid="dataset-name">{summary.name}</dd>
            <dt>Proteins</dt>
            <dd data-testid="protein-count">{summary.proteinCount}</dd>
            {summary.skipped.length > 0 && (
              <>
                <dt>Set aside</dt>
                <dd data-testid="skipped-count">{summary.skipped.length} (not trained on; reasons below)</dd>
              </>
            )}
            <dt>Residues</dt>
            <dd>{summary.lengths.reduce((a, b) => a + b, 0).toLocaleString()}</dd>
            <dt>Input width</dt>
            <dd data-testid="input-width">{summary.inputWidth} features per residue</dd>
            <dt>Format</dt>
            <dd>{formatLabel(summary.format)}</dd>
            <dt>Opened in</dt>
            <dd>{(summary.elapsedMs / 1000).toFixed(2)} s</dd>
          </dl>
          <LengthHistogram lengths={summary.lengths} />
          <SkippedList skipped={summary.skipped} />
          <ProteinRows ids={summary.proteinIds} lengths={summary.lengths} />
        </div>
      )}
    </section>
  );
}

function formatLabel(format: 'foldtree-studio' | 'foldtree2' | 'structures'): string {
  switch (format) {
    case 'foldtree-studio':
      return 'FoldTree Studio HDF5';
    case 'foldtree2':
      return "FoldTree2 HDF5 (FoldTree2's own builder)";
    case 'structures':
      return 'Built here from structure files';
  }
}
