import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { lengthHistogram } from '../../state/charts/length-histogram';

export function LengthHistogram({ lengths }: { lengths: readonly number[] }) {
  const bins = lengthHistogram(lengths).map((bin) => ({ ...bin, label: `${bin.from}–${bin.to - 1}` }));
  if (bins.length === 0) return null;
  return (
    <figure className="histogram" data-testid="length-histogram">
      <figcaption>Protein length (residues)</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <BarChart data={bins} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} width={36} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(value) => [value, 'proteins']} />
          <Bar dataKey="count" fill="#3867d6" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
