/** Import / export of the whole run config, and what the last import had to say. */
import { useId } from 'react';
import { dismissConfigMessages, downloadConfig, importConfigText, resetConfig } from '../../state/run/config-actions';
import { useRunStore } from '../../state/run/run-store';

export function ConfigFileButtons({ disabled }: { disabled: boolean }) {
  const inputId = useId();
  return (
    <div className="config-files">
      <label htmlFor={inputId} className={disabled ? 'button button-secondary disabled' : 'button button-secondary'}>
        Import config…
      </label>
      <input
        id={inputId}
        className="visually-hidden"
        type="file"
        accept=".yaml,.yml,.json"
        disabled={disabled}
        data-testid="config-import-input"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) void file.text().then((text) => importConfigText(text, file.name));
        }}
      />
      <button type="button" className="button-secondary" onClick={() => downloadConfig('yaml')}>
        Export YAML
      </button>
      <button type="button" className="button-secondary" onClick={() => downloadConfig('json')}>
        Export JSON
      </button>
      <button
        type="button"
        className="button-secondary"
        title="learn_lightning.py YAML, to continue on GPUs with FoldTree2"
        onClick={() => downloadConfig('foldtree2-yaml')}
      >
        Export for FoldTree2
      </button>
      <button type="button" className="button-secondary" disabled={disabled} onClick={resetConfig}>
        Reset
      </button>
    </div>
  );
}

export function ConfigMessages() {
  const notes = useRunStore((state) => state.configNotes);
  const error = useRunStore((state) => state.configError);
  if (!error && notes.length === 0) return null;
  return (
    <div className="config-messages" data-testid="config-messages">
      {error && (
        <pre className="error" role="alert" data-testid="config-error">
          {error}
        </pre>
      )}
      {notes.length > 0 && (
        <ul className="config-notes" data-testid="config-notes">
          {notes.map((note, k) => (
            <li key={k} className={`note-${note.severity}`}>
              {note.message}
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button-link" onClick={dismissConfigMessages}>
        Dismiss
      </button>
    </div>
  );
}
