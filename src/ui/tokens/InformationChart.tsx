/**
 * Mutual information between tokens and DSSP classes, and between tokens and amino acids, one point per dataset
 * encode of the run's weights, by training step. `data-points` lets tests see what is drawn.
 */
import { memo } from 'react';
import { Legend, Line, YAxis } from 'recharts';
import { useEncodeStore } from '../../state/tokens/encode-store';
import { ChartFigure } from '../charts/ChartFigure';
import { StepChart } from '../charts/StepChart';

const HEIGHT = 200;

/** One line per information measure: its key in an encode's history entry, its legend name, its colour. */
const LINES = [
  { key: 'miSecondaryStructure', name: 'I(token; DSSP class)', color: '#d6336c' },
  { key: 'miAminoAcid', name: 'I(token; amino acid)', color: '#1d6fd6' },
] as const;

export const InformationChart = memo(function InformationChart() {
  const history = useEncodeStore((state) => state.history);
  return (
    <ChartFigure
      extraClass="teaching-chart"
      testId="token-information-chart"
      title="Mutual information with the tokens (bits)"
      data={{ 'data-points': history.length }}
    >
      <StepChart
        rows={history}
        height={HEIGHT}
        empty="Encode the dataset during a run: each encode adds a point at its step."
        yAxes={<YAxis width={48} tick={{ fontSize: 11 }} tickFormatter={(v: number) => v.toFixed(2)} />}
        formatValue={(value) => (typeof value === 'number' ? `${value.toFixed(3)} bits` : String(value))}
      >
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {LINES.map((line) => (
          <Line
            key={line.key}
            dataKey={line.key}
            name={line.name}
            stroke={line.color}
            strokeWidth={1.5}
            dot={{ r: 2 }}
            isAnimationActive={false}
          />
        ))}
      </StepChart>
    </ChartFigure>
  );
});
