/**
 * The codebook and one protein's encoder outputs on the plane that shows most of their spread (PCA of both
 * together): each code a ringed circle in its token colour, sized by how many of the protein's residues chose it,
 * each residue a dot in its code's colour. Collapse is seen as one ring holding every dot, a healthy codebook as
 * rings among the dots. `data-codes`, `data-residues`, `data-used` and `data-step` let tests read it.
 */
import { memo, useMemo } from 'react';
import type { ProteinTokens } from '../../protocol/coordinator-messages';
import { principalPlane } from '../../state/teaching/principal-plane';
import { tokenColor } from './token-colors';

const SIZE = 220;
const MARGIN = 12;

interface MapGeometry {
  readonly codes: readonly { readonly x: number; readonly y: number; readonly count: number }[];
  readonly residues: readonly { readonly x: number; readonly y: number; readonly code: number }[];
  readonly explained: readonly [number, number];
}

function geometryOf(tokens: ProteinTokens): MapGeometry | null {
  const vectors = tokens.vectors;
  if (!vectors || vectors.dim <= 0) return null;
  const K = vectors.codebook.length / vectors.dim;
  const N = vectors.outputs.length / vectors.dim;
  const plane = principalPlane([...vectors.codebook, ...vectors.outputs], K + N, vectors.dim);
  const xs = [...plane.x];
  const ys = [...plane.y];
  // One scale for both axes (distances stay true), fitted to the residues and the codes they use: a code far
  // from every residue is drawn at the edge rather than shrinking the cloud to a dot.
  const used = new Set(tokens.codes);
  const fitted = [...Array.from({ length: N }, (_, r) => K + r), ...[...used].filter((k) => k >= 0 && k < K)];
  const extent = Math.max(...fitted.map((k) => Math.max(Math.abs(xs[k] ?? 0), Math.abs(ys[k] ?? 0))), 1e-12);
  const scale = (SIZE / 2 - MARGIN) / extent;
  const place = (v: number) =>
    SIZE / 2 + Math.max(-1, Math.min(1, (v * scale) / (SIZE / 2 - MARGIN))) * (SIZE / 2 - MARGIN);
  const counts = new Array<number>(K).fill(0);
  for (const code of tokens.codes) if (code >= 0 && code < K) counts[code] = (counts[code] ?? 0) + 1;
  return {
    codes: counts.map((count, k) => ({ x: place(xs[k] ?? 0), y: place(-(ys[k] ?? 0)), count })),
    residues: Array.from({ length: N }, (_, r) => ({
      x: place(xs[K + r] ?? 0),
      y: place(-(ys[K + r] ?? 0)),
      code: tokens.codes[r] ?? -1,
    })),
    explained: plane.explained,
  };
}

export const CodebookMap = memo(function CodebookMap({
  tokens,
  step,
  title,
  testId,
}: {
  tokens: ProteinTokens | null;
  step: number | null;
  title: string;
  testId: string;
}) {
  const geometry = useMemo(() => (tokens ? geometryOf(tokens) : null), [tokens]);
  const used = geometry ? geometry.codes.filter((code) => code.count > 0).length : 0;
  const residues = geometry?.residues.length ?? 0;
  const most = Math.max(1, ...(geometry?.codes.map((code) => code.count) ?? [1]));
  return (
    <figure
      className="metric-chart teaching-chart codebook-map"
      data-testid={testId}
      data-codes={geometry?.codes.length ?? 0}
      data-residues={residues}
      data-used={used}
      data-step={step ?? ''}
    >
      <figcaption>
        <span className="chart-title">{title}</span>
        {geometry && tokens && (
          <span className="hint">
            {' '}
            {tokens.proteinId}
            {step !== null ? ` at step ${step}` : ''}: {used} of {geometry.codes.length} codes hold its {residues}{' '}
            residues; the plane shows {Math.round((geometry.explained[0] + geometry.explained[1]) * 100)} % of the
            spread
          </span>
        )}
      </figcaption>
      {!geometry ? (
        <p className="chart-empty" style={{ height: SIZE }}>
          {tokens ? 'This run sent no code vectors.' : 'Waiting for the first snapshot…'}
        </p>
      ) : (
        <svg
          viewBox={`0 0 ${SIZE} ${SIZE}`}
          width="100%"
          style={{ maxWidth: SIZE * 1.6 }}
          role="img"
          aria-label={`${used} of ${geometry.codes.length} codes in use`}
        >
          <rect x={0} y={0} width={SIZE} height={SIZE} fill="#fbfcfe" stroke="#e3e8ef" />
          {geometry.residues.map((residue, r) => (
            <circle
              key={`r${r}`}
              className="map-residue"
              cx={residue.x}
              cy={residue.y}
              r={1.8}
              fill={residue.code >= 0 ? tokenColor(residue.code) : '#999'}
              fillOpacity={0.75}
            />
          ))}
          {geometry.codes.map((code, k) => (
            <circle
              key={`c${k}`}
              className={code.count > 0 ? 'map-code' : 'map-code map-code-dead'}
              cx={code.x}
              cy={code.y}
              r={code.count > 0 ? 3 + 6 * Math.sqrt(code.count / most) : 2.5}
              fill="none"
              stroke={code.count > 0 ? tokenColor(k) : '#b4bcc8'}
              strokeWidth={code.count > 0 ? 1.8 : 1}
            >
              <title>{`code ${k}: ${code.count} residue${code.count === 1 ? '' : 's'}`}</title>
            </circle>
          ))}
        </svg>
      )}
    </figure>
  );
});
