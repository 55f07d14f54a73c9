/**
 * Encoding the dataset from the page: with the run's current weights or a weights file, a progress bar, the files to
 * download (encoded FASTA, per-residue TSV) and what was skipped. Re-encodes by itself every N steps when asked to.
 */
import { useEffect, useRef } from 'react';
import {
  cancelEncode,
  downloadEncoded,
  encodeWithCurrentWeights,
  encodeWithWeightsFile,
  setAutoEncodeEvery,
  useEncodeStore,
} from '../../state/tokens/encode-store';
import { useMetricsStore } from '../../state/charts/metrics-store';
import { useRunStore } from '../../state/run/run-store';
import { stripRequestDue } from '../teaching/strip-refresh';
import type { SkippedItem } from '../../protocol/protein-graph';
import { SkippedDetails } from '../dataset/SkippedList';

/** Proteins the encode left out, each with its reason. */
function EncodeSkipped({ skipped }: { skipped: readonly SkippedItem[] }) {
  return <SkippedDetails skipped={skipped} noun="protein" testId="encode-skipped" />;
}

function useAutoEncode(): void {
  const every = useEncodeStore((state) => state.autoEvery);
  const busy = useEncodeStore((state) => state.status === 'encoding' || state.status === 'waiting-for-weights');
  const step = useMetricsStore((state) => state.latest?.step ?? 0);
  const running = useRunStore((state) => state.status === 'running');
  const asked = useRef(-1);
  useEffect(() => {
    if (!running || every <= 0 || busy) return;
    const due = stripRequestDue(asked.current, step, every);
    if (due === null || due === 0) return;
    asked.current = due;
    void encodeWithCurrentWeights();
  }, [step, running, every, busy]);
}

export function EncodeControls() {
  useAutoEncode();
  const { status, progress, message, result, autoEvery } = useEncodeStore();
  const canUseRun = useRunStore((state) => state.status === 'running' || state.status === 'paused');
  const busy = status === 'encoding' || status === 'waiting-for-weights';
  const fraction = progress && progress.total > 0 ? progress.done / progress.total : 0;
  return (
    <div className="encode-controls" data-testid="encode-controls" data-status={status}>
      <div className="run-buttons">
        <button
          type="button"
          data-testid="encode-current"
          disabled={!canUseRun || busy}
          onClick={() => void encodeWithCurrentWeights()}
        >
          Encode dataset with current weights
        </button>
        <label
          className="button button-secondary"
          title="The studio's or FoldTree2's safetensors, or a .ftsckpt checkpoint"
        >
          Encode with weights file…
          <input
            type="file"
            accept=".safetensors,.ftsckpt"
            hidden
            data-testid="encode-weights-file"
            disabled={busy}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file) void encodeWithWeightsFile(file);
            }}
          />
        </label>
        {busy && (
          <button type="button" className="button-secondary" onClick={cancelEncode}>
            Cancel
          </button>
        )}
        <label title="While a run trains, encode the whole dataset again every this many steps (0: only on request); each encode adds a point to the chart">
          re-encode every{' '}
          <input
            type="number"
            min={0}
            step={1}
            value={autoEvery}
            className="small-number"
            data-testid="encode-auto-every"
            onChange={(event) => setAutoEncodeEvery(Number(event.currentTarget.value))}
          />{' '}
          steps
        </label>
      </div>
      {busy && (
        <div className="encode-progress">
          <progress max={1} value={fraction} data-testid="encode-progress" />
          <span>
            {progress
              ? `${progress.done} / ${progress.total} proteins (${progress.proteinId})`
              : status === 'waiting-for-weights'
                ? 'Taking the current weights…'
                : 'Opening the dataset…'}
          </span>
        </div>
      )}
      {message && (
        <p
          className={status === 'failed' ? 'error' : 'status'}
          role={status === 'failed' ? 'alert' : undefined}
          data-testid="encode-message"
        >
          {message}
        </p>
      )}
      {result && (
        <div className="run-buttons">
          <button
            type="button"
            className="button-secondary"
            data-testid="encode-download-fasta"
            onClick={() => downloadEncoded('fasta')}
          >
            Encoded FASTA ({result.encodings.length} records)
          </button>
          <button
            type="button"
            className="button-secondary"
            data-testid="encode-download-table"
            onClick={() => downloadEncoded('table')}
          >
            Per-residue TSV
          </button>
        </div>
      )}
      {result && result.skipped.length > 0 && <EncodeSkipped skipped={result.skipped} />}
    </div>
  );
}
