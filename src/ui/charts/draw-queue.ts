/**
 * Chart redraws, one per task, each right after an animation frame: a chart's redraw is one indivisible piece of
 * main-thread work (recharts recomputes its layout synchronously when its data changes), so several charts
 * redrawn at once would add up to one long task. Queued one by one, each stays short and a key press or click
 * waiting behind them is handled between two charts. A chart queued again before it drew keeps its place with
 * the newer redraw. A hidden tab runs no animation frame, so nothing is drawn until it is shown again. What each
 * redraw took goes to the chart feed, which spaces refreshes out when redraws are slow.
 */

import { noteChartDraw } from '../../state/charts/chart-feed';

type Draw = () => void;

/** Pending redraws by chart, oldest first (a Map keeps insertion order; replacing a value keeps the place). */
const pending = new Map<object, Draw>();
let scheduled = false;

const channel = typeof MessageChannel === 'undefined' ? null : new MessageChannel();
if (channel) channel.port1.onmessage = runOne;

function schedule(): void {
  if (scheduled || pending.size === 0) return;
  scheduled = true;
  // After the next frame is painted, so the redraw does not delay it; as a task of its own.
  if (channel && typeof requestAnimationFrame !== 'undefined')
    requestAnimationFrame(() => channel.port2.postMessage(null));
  else setTimeout(runOne, 0);
}

function runOne(): void {
  scheduled = false;
  const next = pending.entries().next();
  if (!next.done) {
    const [chart, draw] = next.value;
    pending.delete(chart);
    const started = performance.now();
    draw();
    noteChartDraw(performance.now() - started);
  }
  schedule();
}

/** Queues `draw` for `chart` (any object that stays the same for the chart's life), replacing one not yet run. */
export function queueDraw(chart: object, draw: Draw): void {
  pending.set(chart, draw);
  schedule();
}

/** Forgets `chart`'s pending redraw (it was drawn otherwise, went off screen or unmounted). */
export function cancelDraw(chart: object): void {
  pending.delete(chart);
}

/** Redraws waiting (tests). */
export function pendingDraws(): number {
  return pending.size;
}
