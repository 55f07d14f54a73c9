import { useId } from 'react';

export const ACCEPTED_EXTENSIONS = ['.h5', '.hdf5', '.pdb', '.ent', '.cif', '.mmcif', '.gz'];

interface FilePickerProps {
  onFiles(files: File[]): void;
  onSample(): void;
  busy: boolean;
}

export function FilePicker({ onFiles, onSample, busy }: FilePickerProps) {
  const inputId = useId();
  return (
    <div className="file-picker">
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
      <p className="hint">One FoldTree2-layout .h5 file, or PDB / mmCIF files (.pdb, .cif, optionally .gz).</p>
    </div>
  );
}
