/**
 * Which stored runs are drawn on the charts beside the current one, each with its own colour; their points are
 * read from storage once and kept (bounded) while overlaid, then published to the overlays store the charts read.
 */
import type { MetricPoint } from '../../protocol/metric-point';
import { overlayPoints } from './overlay-points';
import { setOverlays, type OverlayRun } from './run-overlays';
import { flushPoints } from './run-recorder';
import { runById, useRunsStore } from './runs-state';
import { database, messageOf, storage } from './runs-storage';

/** The charts' line colours, in order: a chart's k-th series takes the k-th (src/ui/charts/chart-kinds.ts). */
export const CHART_PALETTE = [
  '#3867d6',
  '#e1533b',
  '#20a36b',
  '#a35bd6',
  '#e0a100',
  '#1aa3b8',
  '#d6457f',
  '#6b7a8f',
] as const;

const [firstColor, ...laterColors] = CHART_PALETTE;

/**
 * Overlay colours, in the order they are handed out (distinct from the current run's near-black total): the
 * palette from its second colour on, then its first.
 */
export const OVERLAY_COLORS = [...laterColors, firstColor] as const;

/** Bounded points of overlaid runs, by id. */
const overlayCache = new Map<string, readonly MetricPoint[]>();

function publishOverlays(): void {
  const overlays: OverlayRun[] = [];
  for (const { id, color } of useRunsStore.getState().overlaid) {
    const run = runById(id);
    const points = overlayCache.get(id);
    if (run && points) overlays.push({ id, name: run.name, color, points });
  }
  setOverlays(overlays);
}

/** Forgets run `id`'s points (null: none) and publishes the overlays again (after a rename or a deletion). */
export function dropOverlay(id: string | null): void {
  if (id !== null) overlayCache.delete(id);
  publishOverlays();
}

/** Forgets every overlay (tests). */
export function clearOverlays(): void {
  overlayCache.clear();
  setOverlays([]);
}

/** Overlays run `id` on the charts (its points read from storage) or takes it off again. */
export async function toggleOverlay(id: string): Promise<void> {
  const { overlaid, activeRunId } = useRunsStore.getState();
  if (overlaid.some((overlay) => overlay.id === id)) {
    useRunsStore.setState({ overlaid: overlaid.filter((overlay) => overlay.id !== id) });
    publishOverlays();
    return;
  }
  if (!runById(id)) return;
  const used = new Set(overlaid.map((overlay) => overlay.color));
  const color =
    OVERLAY_COLORS.find((c) => !used.has(c)) ?? OVERLAY_COLORS[overlaid.length % OVERLAY_COLORS.length] ?? '#6b7a8f';
  useRunsStore.setState({ overlaid: [...overlaid, { id, color }] });
  if (id === activeRunId) await flushPoints();
  await storage.queue; // what was queued for this run is written before it is read
  try {
    overlayCache.set(id, overlayPoints(await (await database()).readPoints(id)));
  } catch (error) {
    storage.warn(`Could not read the points of "${runById(id)?.name ?? id}": ${messageOf(error)}`);
    useRunsStore.setState((state) => ({ overlaid: state.overlaid.filter((overlay) => overlay.id !== id) }));
    return;
  }
  publishOverlays();
}
