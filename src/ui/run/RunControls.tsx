/** Start / Pause / Resume / Stop / Save checkpoint, each enabled only where the run can take it. */
import type { ReactNode } from 'react';
import type { TrainingSource } from '../../state/run/training-dataset';
import { SHORTCUT_HINT, useRunShortcuts } from './run-shortcuts';
import { useFoldtree2Refusal } from '../../state/config/foldtree2-refusal';
import {
  downloadFinalCheckpoint,
  downloadWeights,
  pauseRun,
  stepOnce,
  resumeRun,
  saveCheckpoint,
  startRun,
  stopRun,
} from '../../state/run/run-commands';
import { isActive, useRunStore } from '../../state/run/run-store';
import { StopButton } from './StopButton';

/** A button that opens a file picker and hands over the chosen file with its bytes. */
function FileButton(props: {
  label: string;
  accept: string;
  testId: string;
  disabled: boolean;
  title?: string;
  onFile: (file: File, bytes: ArrayBuffer) => void;
}) {
  return (
    <label className={`button button-secondary${props.disabled ? ' disabled' : ''}`} title={props.title}>
      {props.label}
      <input
        type="file"
        accept={props.accept}
        className="visually-hidden"
        data-testid={props.testId}
        disabled={props.disabled}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) void file.arrayBuffer().then((bytes) => props.onFile(file, bytes));
        }}
      />
    </label>
  );
}

export function RunControls({ source }: { source: TrainingSource }) {
  useRunShortcuts(source);
  const status = useRunStore((state) => state.status);
  const hasFieldErrors = useRunStore((state) => Object.keys(state.fieldErrors).length > 0);
  const checkpointPending = useRunStore((state) => state.checkpointPending);
  const fault = useRunStore((state) => state.fault);
  const finalCheckpoint = useRunStore((state) => (state.lastCheckpoint?.final ? state.lastCheckpoint : null));
  const active = isActive(status);
  const canStart = source.ok && !active && !hasFieldErrors;
  const canCheckpoint = !checkpointPending && (status === 'running' || status === 'paused');
  const foldtree2Refusal = useFoldtree2Refusal();
  return (
    <div className="run-controls">
      <button
        type="button"
        data-testid="run-start"
        disabled={!canStart}
        onClick={() => source.ok && startRun(source.dataset, source.configName)}
      >
        {status === 'idle' ? 'Start training' : 'Start a new run'}
      </button>
      {status === 'paused' ? (
        <button type="button" data-testid="run-resume" disabled={fault?.remaining === 0} onClick={resumeRun}>
          {fault ? `Continue with ${fault.remaining} trainer${fault.remaining === 1 ? '' : 's'}` : 'Resume'}
        </button>
      ) : (
        <button type="button" data-testid="run-pause" disabled={status !== 'running'} onClick={pauseRun}>
          Pause
        </button>
      )}
      <button
        type="button"
        className="button-secondary"
        data-testid="run-step-once"
        disabled={status !== 'paused' || fault !== null}
        onClick={stepOnce}
        title="One optimizer step, then paused again (key .)"
      >
        Step
      </button>
      <StopButton testId="run-stop" disabled={!active} onStop={stopRun} />
      <button
        type="button"
        className="button-secondary"
        data-testid="run-checkpoint"
        disabled={!canCheckpoint}
        onClick={saveCheckpoint}
      >
        {checkpointPending ? 'Saving checkpoint…' : 'Save checkpoint'}
      </button>
      <button
        type="button"
        className="button-secondary"
        data-testid="run-download-weights"
        disabled={!canCheckpoint}
        onClick={() => downloadWeights('studio')}
        title="The current weights as safetensors (the studio's parameter names)"
      >
        Download weights
      </button>
      <Foldtree2Download
        naming="foldtree2"
        testId="run-download-foldtree2-weights"
        disabled={!canCheckpoint}
        refusal={foldtree2Refusal}
        title="The current weights as safetensors under FoldTree2's PyTorch parameter names and shapes, to continue in learn_lightning.py (docs/foldtree2-weights.md)"
      >
        Weights for FoldTree2
      </Foldtree2Download>
      <Foldtree2Download
        naming="foldtree2-handover"
        testId="run-download-foldtree2-handover"
        disabled={!canCheckpoint}
        refusal={foldtree2Refusal}
        title="A zip of the hand-over folder: foldtree2.yaml, the weights, foldtree2_handover.py and the steps to continue in learn_lightning.py"
      >
        FoldTree2 hand-over
      </Foldtree2Download>
      {finalCheckpoint && (
        <button
          type="button"
          className="button-secondary"
          data-testid="run-download-final"
          onClick={downloadFinalCheckpoint}
        >
          Download final checkpoint (step {finalCheckpoint.step})
        </button>
      )}
      <FileButton
        label="Resume from a checkpoint…"
        accept=".ftsckpt"
        testId="run-resume-file"
        disabled={!canStart}
        onFile={(_, bytes) => source.ok && startRun(source.dataset, source.configName, { checkpoint: bytes })}
      />
      <FileButton
        label="Start from weights…"
        accept=".safetensors"
        testId="run-weights-file"
        disabled={!canStart}
        title="A new run with the current settings, its weights read from a safetensors file (the studio's or FoldTree2's names)"
        onFile={(file, bytes) =>
          source.ok && startRun(source.dataset, source.configName, { weights: { name: file.name, bytes } })
        }
      />
      {canCheckpoint && foldtree2Refusal !== null && (
        <p className="hint" data-testid="run-foldtree2-refusal">
          {foldtree2Refusal}
        </p>
      )}
      <p className="hint" data-testid="run-shortcuts">
        {SHORTCUT_HINT}
      </p>
      <p className="hint" data-testid="run-source">
        {source.ok ? `Trains on ${source.label}.` : source.reason}
        {hasFieldErrors && ' Fix the settings marked in red to start.'}
      </p>
    </div>
  );
}

/** A download for FoldTree2, off (and saying why) while the run's model is one FoldTree2 cannot build. */
function Foldtree2Download({
  naming,
  testId,
  disabled,
  refusal,
  title,
  children,
}: {
  naming: 'foldtree2' | 'foldtree2-handover';
  testId: string;
  disabled: boolean;
  refusal: string | null;
  title: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="button-secondary"
      data-testid={testId}
      disabled={disabled || refusal !== null}
      onClick={() => downloadWeights(naming)}
      title={refusal ?? title}
    >
      {children}
    </button>
  );
}
