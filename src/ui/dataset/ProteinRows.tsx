/**
 * The dataset's proteins, one row each (id, residues), with a 3D button that opens the protein's structure under
 * its row, coloured by its current tokens (it becomes the token strip's protein, so both show the same tokens).
 */
import { useState } from 'react';
import { requestStripTokens } from '../../state/run/run-commands';
import { chooseStripProtein } from '../../state/tokens/token-strip-store';
import { TokenStructureView } from '../structure/TokenStructureView';

export function ProteinRows({ ids, lengths }: { ids: readonly string[]; lengths: readonly number[] }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <details className="protein-rows" data-testid="protein-rows">
      <summary>Proteins ({ids.length})</summary>
      <ul>
        {ids.map((id, k) => (
          <li key={id} data-protein={id}>
            <span className="protein-row">
              <code>{id}</code> {lengths[k] ?? '?'} residues
              <button
                type="button"
                className="button-secondary"
                data-testid={`protein-3d-${id}`}
                aria-expanded={open === id}
                onClick={() => {
                  const next = open === id ? null : id;
                  setOpen(next);
                  if (next) {
                    chooseStripProtein(next);
                    requestStripTokens();
                  }
                }}
              >
                3D
              </button>
            </span>
            {open === id && <TokenStructureView proteinId={id} testId="dataset-structure" />}
          </li>
        ))}
      </ul>
    </details>
  );
}
