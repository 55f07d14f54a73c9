import type { SkippedItem } from '../../protocol/protein-graph';

export function SkippedList({ skipped }: { skipped: readonly SkippedItem[] }) {
  // True only because opening reads every value (validate-values.ts), not just the shapes.
  if (skipped.length === 0)
    return (
      <p className="ok" data-testid="skipped-none">
        Every protein passed validation (shapes and values).
      </p>
    );
  return <SkippedDetails skipped={skipped} noun="item" testId="skipped-list" open={skipped.length <= 10} />;
}

/** A folded list of what was left out, each with its reason (`noun` names one of them). */
export function SkippedDetails({
  skipped,
  noun,
  testId,
  open = false,
}: {
  skipped: readonly SkippedItem[];
  noun: string;
  testId: string;
  open?: boolean;
}) {
  return (
    <details className="skipped" open={open} data-testid={testId} data-count={skipped.length}>
      <summary>
        {skipped.length} skipped {skipped.length === 1 ? noun : `${noun}s`}
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
