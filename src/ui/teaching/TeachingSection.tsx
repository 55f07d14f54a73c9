/**
 * Teaching mode for VQ commitment scheduling: β as the settings plan it, β as the run uses it over the VQ loss and
 * perplexity, which codes are alive, the tokens of one protein, and a side-by-side comparison of schedules.
 */
import { BetaOverlayChart } from './BetaOverlayChart';
import { BetaPreview } from './BetaPreview';
import { CodeUsageHistogram } from './CodeUsageHistogram';
import { ComparisonPanel } from './ComparisonPanel';
import { TokenStrip } from './TokenStrip';
import { TokenStructureView } from '../structure/TokenStructureView';

export function TeachingSection() {
  return (
    <section className="panel teaching-panel" aria-labelledby="teaching-title" data-testid="teaching-panel">
      <h2 id="teaching-title">Learn: commitment scheduling</h2>
      <p className="teaching-note">
        The commitment cost β pulls the encoder’s outputs towards their nearest code. Started high, it can freeze the encoder onto a few codes before the codebook has
        spread out; warming it up from a small value leaves the codes time to come alive. Change the schedule below or in the settings and watch the curve, then train.
      </p>
      <div className="teaching-grid">
        <BetaPreview />
        <BetaOverlayChart />
        <CodeUsageHistogram />
        <TokenStrip />
        <TokenStructureView proteinId={null} testId="teaching-structure" />
      </div>
      <ComparisonPanel />
    </section>
  );
}
