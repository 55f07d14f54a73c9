/**
 * The structural tokens the current model gives one protein: a cell per residue in its token's colour, faded where
 * pLDDT is low, the amino acid in the cell and in its title. Refreshed at the run's first step and every
 * `refreshEvery` steps (the token store's setting) while it trains, when the protein changes, and on request.
 */
import { memo, useEffect, useMemo, useRef } from 'react';
import { useDatasetStore } from '../../state/dataset-store';
import { useMetricsStore } from '../../state/charts/metrics-store';
import { requestStripTokens } from '../../state/run/run-commands';
import { useRunStore } from '../../state/run/run-store';
import { chooseStripProtein, useTokenStrip } from '../../state/tokens/token-strip-store';
import { stripRequestDue } from './strip-refresh';
import { tokenColor, tokenTextColor } from './token-colors';

/** Lowest cell opacity (pLDDT 0), so a cell's colour stays readable. */
const MIN_OPACITY = 0.25;

function useStripRefresh(): void {
  const step = useMetricsStore((state) => state.latest?.step ?? 0);
  const running = useRunStore((state) => state.status === 'running');
  const every = useTokenStrip((state) => state.refreshEvery);
  const asked = useRef(-1);
  useEffect(() => {
    if (!running || every <= 0) return;
    const due = stripRequestDue(asked.current, step, every);
    if (due === null) return;
    asked.current = due;
    requestStripTokens();
  }, [step, running, every]);
}

function ProteinChoice() {
  const summary = useDatasetStore((state) => state.summary);
  const chosen = useTokenStrip((state) => state.proteinId);
  const ids = summary?.proteinIds ?? [];
  return (
    <select
      aria-label="Protein shown in the token strip"
      value={chosen ?? ''}
      data-testid="teaching-strip-protein"
      onChange={(event) => {
        const id = event.currentTarget.value;
        chooseStripProtein(id === '' ? null : id);
        requestStripTokens();
      }}
    >
      <option value="">
        first protein{ids[0] !== undefined ? ` (${ids[0]}, ${summary?.lengths[0] ?? '?'} residues)` : ''}
      </option>
      {ids.map((id, k) => (
        <option key={id} value={id}>
          {id} ({summary?.lengths[k] ?? '?'} residues)
        </option>
      ))}
    </select>
  );
}

export const TokenStrip = memo(function TokenStrip() {
  useStripRefresh();
  const tokens = useTokenStrip((state) => state.tokens);
  const step = useTokenStrip((state) => state.step);
  const chosen = useTokenStrip((state) => state.proteinId);
  const canAsk = useRunStore((state) => state.status === 'running' || state.status === 'paused');
  // An answer for the protein chosen before the last change is not shown.
  const shown = tokens && (chosen === null || tokens.proteinId === chosen) ? tokens : null;
  const cells = useMemo(
    () =>
      shown?.codes.map((code, k) => {
        const aa = shown.sequence[k] ?? '?';
        const plddt = shown.plddt?.[k];
        const opacity = plddt === undefined ? 1 : MIN_OPACITY + (1 - MIN_OPACITY) * Math.min(1, Math.max(0, plddt));
        const title = `${aa} ${k + 1}: token ${code}${plddt === undefined ? '' : `, pLDDT ${plddt.toFixed(2)}`}`;
        return (
          <span
            key={k}
            className="token-cell"
            title={title}
            data-code={code}
            style={{ background: tokenColor(code), color: tokenTextColor(code), opacity }}
          >
            {aa}
          </span>
        );
      }) ?? [],
    [shown],
  );
  return (
    <figure
      className="metric-chart teaching-chart chart-wide"
      data-testid="teaching-token-strip"
      data-residues={shown?.codes.length ?? 0}
      data-step={shown ? step : ''}
    >
      <figcaption>
        <span className="chart-title">
          Tokens per residue
          {shown
            ? ` at step ${step}: ${shown.proteinId}, ${shown.codes.length} residues, ${new Set(shown.codes).size} of ${shown.codebookSize} tokens`
            : ''}
        </span>
        <span className="chart-options teaching-controls">
          <ProteinChoice />
          <button
            type="button"
            className="button-secondary"
            data-testid="teaching-strip-refresh"
            disabled={!canAsk}
            onClick={() => requestStripTokens()}
            title="Encode the protein with the current weights (also automatically while training, see the 3D view's setting)"
          >
            Refresh
          </button>
        </span>
      </figcaption>
      {shown ? (
        <div className="token-strip" role="img" aria-label={`${shown.proteinId}: one structural token per residue`}>
          {cells}
        </div>
      ) : (
        <p className="chart-empty token-strip-empty">
          {canAsk
            ? 'Encoding the protein…'
            : 'Start a run: the strip shows each residue’s token under the current weights.'}
        </p>
      )}
      {shown && (
        <p className="teaching-note">
          {shown.plddt
            ? 'Faded cells: low pLDDT (the structure there is uncertain).'
            : 'This file holds B-factors, not pLDDT: every cell is drawn fully opaque.'}
        </p>
      )}
    </figure>
  );
});
