/**
 * Mutual information between tokens and DSSP classes, and between tokens and amino acids, one point per dataset
 * encode of the run's weights, by training step. `data-points` lets tests see what is drawn.
 */
import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useEncodeStore } from '../../state/tokens/encode-store';

const HEIGHT = 200;

export const InformationChart = memo(function InformationChart() {
  const history = useEncodeStore((state) => state.history);
  return (
    <figure className="metric-chart teaching-chart" data-testid="token-information-chart" data-points={history.length}>
      <figcaption>
        <span className="chart-title">Mutual information with the tokens (bits)</span>
      </figcaption>
      {history.length === 0 ? (
        <p className="chart-empty" style={{ height: HEIGHT }}>
          Encode the dataset during a run: each encode adds a point at its step.
        </p>
      ) : (
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <LineChart
            data={history as unknown as Array<Record<string, number>>}
            margin={{ top: 4, right: 12, bottom: 0, left: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ef" />
            <XAxis
              dataKey="step"
              type="number"
              domain={['dataMin', 'dataMax']}
              allowDecimals={false}
              tick={{ fontSize: 11 }}
            />
            <YAxis width={48} tick={{ fontSize: 11 }} tickFormatter={(v: number) => v.toFixed(2)} />
            <Tooltip
              isAnimationActive={false}
              labelFormatter={(step) => `step ${String(step)}`}
              formatter={(value) => (typeof value === 'number' ? `${value.toFixed(3)} bits` : String(value))}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line
              dataKey="miSecondaryStructure"
              name="I(token; DSSP class)"
              stroke="#d6336c"
              strokeWidth={1.5}
              dot={{ r: 2 }}
              isAnimationActive={false}
            />
            <Line
              dataKey="miAminoAcid"
              name="I(token; amino acid)"
              stroke="#1d6fd6"
              strokeWidth={1.5}
              dot={{ r: 2 }}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
});
