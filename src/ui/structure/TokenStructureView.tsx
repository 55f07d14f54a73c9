/**
 * A protein's structure coloured by its current tokens (or pLDDT, or DSSP class), with a legend, the residue under
 * the pointer, a refresh under the current weights and the automatic-refresh setting. Tokens come from the run's
 * per-protein token request, or, without a run, from the last dataset encode.
 * The WebGL drawing is the costliest thing on the page (a software GL redraw takes hundreds of ms on a CPU), so the
 * viewer draws only while on screen: off screen it keeps its last picture and catches up when scrolled to, and the
 * viewer library is not fetched until the view is first on screen.
 */
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import type { ProteinTokens } from '../../protocol/coordinator-messages';
import { useEncodeStore } from '../../state/tokens/encode-store';
import { requestStripTokens } from '../../state/run/run-commands';
import { useRunStore } from '../../state/run/run-store';
import { setTokenRefreshEvery, useTokenStrip } from '../../state/tokens/token-strip-store';
import { COLOR_MODE_LABELS, COLOR_MODES, residueColors, type ColorMode } from './structure-colors';
import { StructureLegend } from './StructureLegend';
import { StructureViewer } from './StructureViewer';
import { useOnScreen } from '../charts/use-on-screen';

export interface TokenStructureViewProps {
  /** The protein to show; null: the token strip's choice (its first protein by default). */
  readonly proteinId: string | null;
  readonly testId: string;
}

/** The newest tokens with coordinates for `proteinId` (null: whatever the strip shows), and the step they are from. */
function useShownTokens(
  proteinId: string | null,
): { tokens: ProteinTokens & { ca: readonly number[] }; step: number | null } | null {
  const strip = useTokenStrip((state) => state.tokens);
  const stripStep = useTokenStrip((state) => state.step);
  const chosen = useTokenStrip((state) => state.proteinId);
  const result = useEncodeStore((state) => state.result);
  return useMemo(() => {
    const wanted = proteinId ?? chosen;
    if (strip?.ca && (wanted === null || strip.proteinId === wanted))
      return { tokens: { ...strip, ca: strip.ca }, step: stripStep };
    const encoded = result?.encodings.find((e) => e.proteinId === (wanted ?? result.encodings[0]?.proteinId));
    return encoded ? { tokens: encoded, step: result?.meaning.step ?? null } : null;
  }, [proteinId, chosen, strip, stripStep, result]);
}

function HoverLine({ tokens, residue }: { tokens: ProteinTokens; residue: number | null }) {
  if (residue === null)
    return (
      <p className="structure-hover" data-testid="structure-hover">
        Point at a residue to see its token.
      </p>
    );
  const plddt = tokens.plddt?.[residue];
  return (
    <p className="structure-hover" data-testid="structure-hover" data-residue={residue + 1}>
      Residue {residue + 1} · {tokens.sequence[residue] ?? '?'} · token {tokens.codes[residue] ?? '?'} ·{' '}
      {plddt === undefined ? 'no pLDDT' : `pLDDT ${(plddt * 100).toFixed(1)}`}
    </p>
  );
}

export const TokenStructureView = memo(function TokenStructureView({ proteinId, testId }: TokenStructureViewProps) {
  const [mode, setMode] = useState<ColorMode>('token');
  const [hovered, setHovered] = useState<number | null>(null);
  const shown = useShownTokens(proteinId);
  const every = useTokenStrip((state) => state.refreshEvery);
  const canAsk = useRunStore((state) => state.status === 'running' || state.status === 'paused');
  const colors = useMemo(() => (shown ? residueColors(shown.tokens, mode) : []), [shown, mode]);
  const onHover = useCallback((residue: number | null) => setHovered(residue), []);
  const tokens = shown?.tokens;
  const figure = useRef<HTMLElement>(null);
  const onScreen = useOnScreen(figure);
  // What the viewer draws: the newest tokens while on screen, the last ones drawn while off screen.
  const drawn = useRef<{
    readonly tokens: ProteinTokens & { ca: readonly number[] };
    readonly colors: readonly number[];
  } | null>(null);
  if (onScreen) drawn.current = tokens ? { tokens, colors } : null;
  const viewed = drawn.current;
  return (
    <figure
      ref={figure}
      className="metric-chart teaching-chart chart-wide structure-panel"
      data-testid={testId}
      data-step={shown?.step ?? ''}
      data-mode={mode}
      data-codes={tokens?.codes.join(',') ?? ''}
    >
      <figcaption>
        <span className="chart-title">
          Tokens on the structure
          {tokens
            ? `: ${tokens.proteinId}, ${tokens.codes.length} residues${shown?.step !== null && shown?.step !== undefined ? ` at step ${shown.step}` : ''}`
            : ''}
        </span>
        <span className="chart-options teaching-controls">
          <span role="radiogroup" aria-label="Colour by">
            {COLOR_MODES.map((m) => (
              <label key={m}>
                <input
                  type="radio"
                  name={`${testId}-mode`}
                  value={m}
                  checked={mode === m}
                  onChange={() => setMode(m)}
                  data-testid={`${testId}-mode-${m}`}
                />{' '}
                {COLOR_MODE_LABELS[m]}
              </label>
            ))}
          </span>
          <label title="Ask for fresh tokens every this many optimizer steps while training (0: only on Refresh)">
            every{' '}
            <input
              type="number"
              min={0}
              step={1}
              value={every}
              className="small-number"
              data-testid={`${testId}-every`}
              onChange={(event) => setTokenRefreshEvery(Number(event.currentTarget.value))}
            />{' '}
            steps
          </label>
          <button
            type="button"
            className="button-secondary"
            data-testid={`${testId}-refresh`}
            disabled={!canAsk}
            onClick={() => requestStripTokens()}
          >
            Refresh
          </button>
        </span>
      </figcaption>
      {tokens ? (
        <>
          {viewed ? (
            <StructureViewer
              proteinId={viewed.tokens.proteinId}
              ca={viewed.tokens.ca}
              sequence={viewed.tokens.sequence}
              plddt={viewed.tokens.plddt}
              colors={viewed.colors}
              onHover={onHover}
            />
          ) : (
            <p className="chart-empty structure-offscreen">The structure is drawn when this view is on screen.</p>
          )}
          <HoverLine tokens={tokens} residue={hovered !== null && hovered < tokens.codes.length ? hovered : null} />
          <StructureLegend mode={mode} codes={tokens.codes} hasPlddt={tokens.plddt !== null} />
        </>
      ) : (
        <p className="chart-empty">
          {canAsk
            ? 'Encoding the protein…'
            : 'Start a run or encode the dataset: the structure is drawn coloured by each residue’s token.'}
        </p>
      )}
    </figure>
  );
});
