import type { ReactNode } from 'react';

/** What a chart says in place of its drawing while it has nothing to draw, at the drawing's height (px). */
export function ChartEmpty({ height, children }: { readonly height: number; readonly children: ReactNode }) {
  return (
    <p className="chart-empty" style={{ height }}>
      {children}
    </p>
  );
}
