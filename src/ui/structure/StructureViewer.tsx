/**
 * The 3D view of one protein's CA trace, coloured per residue, with hover reporting the residue under the pointer.
 * The viewer library loads lazily on first mount; a new protein (or new coordinates) reloads the model and the
 * camera; new colours rebuild the model under the same camera, so the view holds still while tokens refresh.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { GLViewer } from '3dmol';
import { caTracePdb } from './ca-trace-pdb';
import { loadViewerLibrary } from './load-viewer-library';

export interface StructureViewerProps {
  readonly proteinId: string;
  readonly ca: readonly number[];
  readonly sequence: string;
  readonly plddt: readonly number[] | null;
  /** 0xRRGGBB per residue. */
  readonly colors: readonly number[];
  /** Residue index (0-based) under the pointer, or null when it leaves. */
  onHover(residue: number | null): void;
}

type LoadState =
  { readonly kind: 'loading' } | { readonly kind: 'ready' } | { readonly kind: 'failed'; readonly message: string };

/** A short fingerprint of the colours, so tests and the page can tell a recolour happened. */
function colorSignature(colors: readonly number[]): string {
  let hash = 2166136261;
  for (const c of colors) hash = Math.imul(hash ^ c, 16777619) >>> 0;
  return hash.toString(16);
}

interface Atom {
  readonly resi?: number;
}

export function StructureViewer({ proteinId, ca, sequence, plddt, colors, onHover }: StructureViewerProps) {
  const host = useRef<HTMLDivElement>(null);
  const viewer = useRef<GLViewer | null>(null);
  const loadedModel = useRef<string | null>(null);
  const colorsRef = useRef(colors);
  const hoverRef = useRef(onHover);
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const pdb = useMemo(() => caTracePdb(ca, sequence, plddt), [ca, sequence, plddt]);
  colorsRef.current = colors;
  hoverRef.current = onHover;

  useEffect(() => {
    let cancelled = false;
    loadViewerLibrary().then(
      (library) => {
        if (cancelled || !host.current) return;
        viewer.current = library.createViewer(host.current, {
          backgroundColor: 'white',
          antialias: true,
          upscale: false,
        });
        // No 2× supersampling: a software renderer (no GPU) would spend 4× the pixels on every recolour.
        viewer.current.setHoverDuration(30);
        setState({ kind: 'ready' });
      },
      (error: unknown) =>
        !cancelled && setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      cancelled = true;
      viewer.current?.clear();
      viewer.current = null;
      loadedModel.current = null;
    };
  }, []);

  useEffect(() => {
    const v = viewer.current;
    if (state.kind !== 'ready' || !v) return;
    // The viewer keys geometry on its styles' JSON, which drops functions: new colours need the model rebuilt.
    // The camera belongs to the viewer, so it holds still unless the protein changed.
    v.removeAllModels();
    v.addModel(pdb, 'pdb');
    v.setHoverable(
      {},
      true,
      (atom: Atom) => hoverRef.current(atom.resi === undefined ? null : atom.resi - 1),
      () => hoverRef.current(null),
    );
    const colorfunc = (atom: Atom) => colorsRef.current[(atom.resi ?? 1) - 1] ?? 0x808080;
    v.setStyle({}, { cartoon: { style: 'trace', thickness: 0.6, colorfunc }, sphere: { radius: 0.55, colorfunc } });
    const key = `${proteinId}\n${pdb}`;
    if (loadedModel.current !== key) {
      v.zoomTo();
      loadedModel.current = key;
    }
    v.render();
  }, [state, proteinId, pdb, colors]);

  return (
    <div
      className="structure-viewer"
      data-testid="structure-viewer"
      data-state={state.kind}
      data-protein={proteinId}
      data-residues={Math.floor(ca.length / 3)}
      data-colors={colorSignature(colors)}
    >
      <div ref={host} className="structure-canvas" />
      {state.kind === 'loading' && <p className="chart-empty">Loading the 3D viewer…</p>}
      {state.kind === 'failed' && (
        <p className="error" role="alert">
          The 3D viewer could not start: {state.message}
        </p>
      )}
    </div>
  );
}
