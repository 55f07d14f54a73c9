/**
 * Teaching mode for VQ commitment scheduling: β as the settings plan it, β as the run uses it over the VQ loss and
 * perplexity, which codes are alive, the tokens of one protein, and a side-by-side comparison of schedules.
 */
import { useTokenStrip } from '../../state/tokens/token-strip-store';
import { BetaOverlayChart } from './BetaOverlayChart';
import { BetaPreview } from './BetaPreview';
import { CodebookMap } from './CodebookMap';
import { CodeUsageHistogram } from './CodeUsageHistogram';
import { ComparisonPanel } from './ComparisonPanel';
import { TokenStrip } from './TokenStrip';
import { TokenStructureView } from '../structure/TokenStructureView';

/** The main run's codebook with the strip protein's encoder outputs, redrawn whenever the strip refreshes. */
function RunCodebookMap() {
  const { tokens, step } = useTokenStrip();
  return (
    <CodebookMap
      testId="teaching-codebook-map"
      title="Codebook and encoder outputs (PCA)"
      tokens={tokens}
      step={tokens ? step : null}
    />
  );
}

export function TeachingSection() {
  return (
    <section className="panel teaching-panel" aria-labelledby="teaching-title" data-testid="teaching-panel">
      <h2 id="teaching-title">Learn: commitment scheduling</h2>
      <p className="teaching-note">
        The commitment cost β pulls each encoder output towards its nearest code, tying the encoder to the codebook.
        FoldTree2 warms β up from a small value so the encoder can learn before it is tied; the comparison below
        measures what that does to the codes in this model. Change the schedule below or in the settings and watch the
        curve, then train and watch the codebook map: rings are codes, dots are one protein’s residues.
      </p>
      <div className="teaching-grid">
        <BetaPreview />
        <BetaOverlayChart />
        <CodeUsageHistogram />
        <TokenStrip />
        <RunCodebookMap />
        <TokenStructureView proteinId={null} testId="teaching-structure" />
      </div>
      <ComparisonPanel />
    </section>
  );
}
