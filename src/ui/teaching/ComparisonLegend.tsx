/**
 * The schedules' colours with each one's final values, mean over its finished seeds: codes in use and perplexity.
 * Each entry carries `data-testid="teaching-arm-<id>"`, `data-used-codes`, `data-perplexity` and `data-seeds` for
 * automated checks (empty values until a seed of that schedule finished).
 */
import { COMPARISON_ARMS } from '../../state/teaching/comparison-scenario';
import type { ArmSummary } from '../../state/teaching/comparison-summary';

const shown = (value: number | undefined, digits: number) =>
  value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : '';

export function ComparisonLegend({ summaries, codes }: { summaries: readonly ArmSummary[]; codes: number }) {
  return (
    <ul className="chart-legend teaching-arms" aria-label="Schedules compared">
      {COMPARISON_ARMS.map((arm) => {
        const summary = summaries.find((s) => s.id === arm.id);
        return (
          <li
            key={arm.id}
            className="legend-overlay"
            data-testid={`teaching-arm-${arm.id}`}
            data-used-codes={shown(summary?.usedCodes.mean, 2)}
            data-perplexity={shown(summary?.perplexity.mean, 3)}
            data-seeds={summary?.perplexity.count ?? 0}
          >
            <span className="swatch" style={{ background: arm.color }} aria-hidden="true" />
            {arm.label}
            {summary && (
              <span className="hint">
                {' '}
                — {shown(summary.usedCodes.mean, 1)} of {codes} codes, perplexity {shown(summary.perplexity.mean, 1)} at
                step {summary.step}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
