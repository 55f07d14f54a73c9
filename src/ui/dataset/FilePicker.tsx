import { useId, useState, type DragEvent } from 'react';

export const ACCEPTED_EXTENSIONS = ['.h5', '.hdf5', '.pdb', '.ent', '.cif', '.mmcif', '.gz'];

interface FilePickerProps {
  onFiles(files: File[]): void;
  onSample(): void;
  busy: boolean;
}

/** Open files by picking them or by dropping them anywhere on the picker. */
export function FilePicker({ onFiles, onSample, busy }: FilePickerProps) {
  const inputId = useId();
  const [dragging, setDragging] = useState(false);
  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (busy || !event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    if (!busy && files.length > 0) onFiles(files);
  };
  return (
    <div
      className={`file-picker${dragging ? ' file-picker-dragging' : ''}`}
      data-testid="dataset-drop-zone"
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <label htmlFor={inputId} className="button">
        Open files…
      </label>
      <input
        id={inputId}
        className="visually-hidden"
        data-testid="dataset-file-input"
        type="file"
        multiple
        accept={ACCEPTED_EXTENSIONS.join(',')}
        disabled={busy}
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      <button type="button" onClick={onSample} disabled={busy}>
        Use the bundled sample
      </button>
      <p className="hint">
        Drop or open one FoldTree2-layout .h5 file, or PDB / mmCIF files (.pdb, .cif, optionally .gz).
      </p>
    </div>
  );
}
