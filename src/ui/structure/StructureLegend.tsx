/** The key of the 3D view's colours: the protein's tokens (with residue counts), pLDDT bands or DSSP classes. */
import { tokenColor } from '../teaching/token-colors';
import { cssHex, NO_PLDDT_COLOR, PLDDT_BANDS, SS_COLORS, type ColorMode } from './structure-colors';

export interface StructureLegendProps {
  readonly mode: ColorMode;
  readonly codes: readonly number[];
  readonly hasPlddt: boolean;
}

function Swatch({ color, label, code }: { color: string; label: string; code?: number }) {
  return (
    <li data-code={code}>
      <span className="legend-swatch" style={{ background: color }} />
      {label}
    </li>
  );
}

export function StructureLegend({ mode, codes, hasPlddt }: StructureLegendProps) {
  if (mode === 'plddt') {
    return (
      <ul className="structure-legend" data-testid="structure-legend" aria-label="pLDDT colours">
        {hasPlddt ? (
          PLDDT_BANDS.map((band) => <Swatch key={band.label} color={cssHex(band.color)} label={band.label} />)
        ) : (
          <Swatch color={cssHex(NO_PLDDT_COLOR)} label="no pLDDT in this file (B-factors)" />
        )}
      </ul>
    );
  }
  if (mode === 'ss') {
    return (
      <ul className="structure-legend" data-testid="structure-legend" aria-label="Secondary structure colours">
        {SS_COLORS.map((entry) => (
          <Swatch key={entry.label} color={cssHex(entry.color)} label={entry.label} />
        ))}
      </ul>
    );
  }
  const counts = new Map<number, number>();
  for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  const used = [...counts].sort((a, b) => a[0] - b[0]);
  return (
    <ul className="structure-legend" data-testid="structure-legend" aria-label="Token colours">
      {used.map(([code, count]) => (
        <Swatch key={code} code={code} color={tokenColor(code)} label={`token ${code} (${count})`} />
      ))}
    </ul>
  );
}
