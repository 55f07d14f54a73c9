/**
 * Which codebook entries the latest step used: one bar per code, its height the fraction of residues assigned to
 * it, in the code's token colour, and a red mark under each code no residue chose (dead in this window). As a run
 * trains, bars appear where codes come alive. `data-bars` (codes), `data-used` let tests read it.
 */
import { memo } from 'react';
import { useFeedLatest } from '../../state/charts/chart-feed';
import { ChartFigure } from '../charts/ChartFigure';
import { tokenColor } from './token-colors';

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(fraction >= 0.1 ? 0 : 1)} %`;
}

export const CodeUsageHistogram = memo(function CodeUsageHistogram() {
  const latest = useFeedLatest();
  const usage = latest?.codeUsage ?? [];
  const used = usage.filter((fraction) => fraction > 0).length;
  const tallest = Math.max(...usage, 0);
  return (
    <ChartFigure
      extraClass="teaching-chart"
      testId="teaching-code-usage"
      title={`Codes in use${latest ? ` at step ${latest.step}` : ''}`}
      data={{ 'data-bars': usage.length, 'data-used': used }}
      caption={
        usage.length > 0 && (
          <span className="teaching-count" data-testid="teaching-used-codes">
            {used} of {usage.length} codes used, {usage.length - used} dead
          </span>
        )
      }
    >
      {usage.length === 0 ? (
        <p className="chart-empty code-histogram-empty">
          {latest ? 'This run reports no code usage.' : 'Waiting for the first step…'}
        </p>
      ) : (
        <div className="code-histogram" role="img" aria-label={`${used} of ${usage.length} codes used`}>
          {usage.map((fraction, code) => (
            <div
              key={code}
              className={`code-column${fraction > 0 ? '' : ' code-dead'}`}
              title={`code ${code}: ${percent(fraction)} of residues${fraction > 0 ? '' : ' (dead)'}`}
            >
              <span
                className="code-bar"
                data-code={code}
                style={{ height: `${tallest > 0 ? (fraction / tallest) * 100 : 0}%`, background: tokenColor(code) }}
              />
              <span className="code-label">{code}</span>
            </div>
          ))}
        </div>
      )}
    </ChartFigure>
  );
});
