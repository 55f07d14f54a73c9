import type { SkippedItem } from '../../protocol/protein-graph';

export function SkippedList({ skipped }: { skipped: readonly SkippedItem[] }) {
  // True only because opening reads every value (validate-values.ts), not just the shapes.
  if (skipped.length === 0) return <p className="ok" data-testid="skipped-none">Every protein passed validation (shapes and values).</p>;
  return (
    <details className="skipped" open={skipped.length <= 10} data-testid="skipped-list">
      <summary>
        {skipped.length} skipped {skipped.length === 1 ? 'item' : 'items'}
      </summary>
      <ul>
        {skipped.map((item, k) => (
          <li key={`${item.source}-${k}`}>
            <code>{item.source}</code>: {item.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}
