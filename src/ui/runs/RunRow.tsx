/** One stored run in the runs list: overlay toggle, name (renamable), start time, steps, state and downloads. */
import { useState, type ReactNode } from 'react';
import { deleteRun, displayStatus, renameRun } from '../../state/runs/runs-store';
import { downloadRun, downloadRunCheckpoint, downloadRunConfig } from '../../state/runs/run-downloads';
import { toggleOverlay } from '../../state/runs/overlay-choice';
import type { StoredRun } from '../../state/runs/runs-db';

/** What a stored run can be downloaded as, in the order the row offers them. */
const DOWNLOADS = [
  {
    label: 'JSON',
    testName: 'download',
    title: 'Config, info, events and every metric point as JSON',
    save: downloadRun,
    needsCheckpoint: false,
  },
  {
    label: 'YAML',
    testName: 'config',
    title: "The run's config as studio YAML",
    save: downloadRunConfig,
    needsCheckpoint: false,
  },
  {
    label: 'checkpoint',
    testName: 'checkpoint',
    title: 'The newest checkpoint (.ftsckpt)',
    save: downloadRunCheckpoint,
    needsCheckpoint: true,
  },
] as const;

export interface RunRowProps {
  readonly run: StoredRun;
  /** Its overlay colour when it is drawn on the charts. */
  readonly overlayColor: string | null;
  readonly activeRunId: string | null;
}

export function RunRow({ run, overlayColor, activeRunId }: RunRowProps) {
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const status = displayStatus(run, activeRunId);
  // The run being trained is deleted only once it has ended: its worker is still writing to it.
  const recording = run.id === activeRunId && (status === 'starting' || status === 'running' || status === 'paused');
  const id = run.id;
  return (
    <tr
      data-testid="run-row"
      data-run-id={id}
      data-overlaid={overlayColor !== null}
      data-overlay-color={overlayColor ?? undefined}
      data-status={status}
    >
      <td>
        <input
          type="checkbox"
          checked={overlayColor !== null}
          onChange={() => void toggleOverlay(id)}
          aria-label={`Overlay ${run.name} on the charts`}
          data-testid={`run-overlay-${id}`}
        />
        {overlayColor && (
          <span
            className="run-swatch"
            style={{
              display: 'inline-block',
              width: 10,
              height: 10,
              marginLeft: 4,
              borderRadius: 2,
              background: overlayColor,
            }}
            aria-hidden
          />
        )}
      </td>
      <td>
        {editing ? (
          <NameInput
            name={run.name}
            id={id}
            done={(name) => {
              if (name !== null) renameRun(id, name);
              setEditing(false);
            }}
          />
        ) : (
          <span data-testid={`run-name-${id}`}>{run.name}</span>
        )}
        <div className="muted" style={{ fontSize: '0.8rem' }}>
          {run.config.model.preset} on {run.datasetName}
        </div>
      </td>
      <td>{new Date(run.createdAt).toLocaleString()}</td>
      <td data-testid={`run-steps-${id}`}>
        {run.lastStep}
        {run.info ? ` / ${run.info.totalSteps}` : ''}
      </td>
      <td data-testid={`run-status-${id}`}>{status}</td>
      <td>
        <RowAction onClick={() => setEditing(true)} disabled={editing} testId={`run-rename-${id}`}>
          rename
        </RowAction>
        {DOWNLOADS.filter((download) => !download.needsCheckpoint || run.checkpoints > 0).map((download) => (
          <RowAction
            key={download.label}
            onClick={() => void download.save(id)}
            testId={`run-${download.testName}-${id}`}
            title={download.title}
          >
            {download.label}
          </RowAction>
        ))}
        {confirmDelete ? (
          <>
            <button
              type="button"
              className="button-danger"
              onClick={() => void deleteRun(id)}
              data-testid={`run-delete-confirm-${id}`}
            >
              Delete for good
            </button>
            <RowAction onClick={() => setConfirmDelete(false)}>keep</RowAction>
          </>
        ) : (
          <RowAction onClick={() => setConfirmDelete(true)} disabled={recording} testId={`run-delete-${id}`}>
            delete
          </RowAction>
        )}
      </td>
    </tr>
  );
}

interface RowActionProps {
  readonly onClick: () => void;
  readonly testId?: string;
  readonly title?: string;
  readonly disabled?: boolean;
  readonly children: ReactNode;
}

/** One of the row's actions, drawn as a link. */
function RowAction({ onClick, testId, title, disabled, children }: RowActionProps) {
  return (
    <button
      type="button"
      className="button-link"
      onClick={onClick}
      disabled={disabled}
      data-testid={testId}
      title={title}
    >
      {children}
    </button>
  );
}

/** Name editor: Enter or leaving the field keeps the text, Escape keeps the old name. */
function NameInput({ name, id, done }: { name: string; id: string; done: (name: string | null) => void }) {
  const [text, setText] = useState(name);
  return (
    <input
      type="text"
      value={text}
      autoFocus
      aria-label="Run name"
      data-testid={`run-name-input-${id}`}
      onChange={(event) => setText(event.target.value)}
      onBlur={() => done(text)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') done(text);
        else if (event.key === 'Escape') done(null);
      }}
    />
  );
}
