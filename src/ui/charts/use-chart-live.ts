/**
 * Whether a chart redraws: while a run trains, only on screen (`useOnScreen`), since a redraw costs the main thread
 * what typing and scrolling need; otherwise (before, between and after runs, while paused) always, so every chart
 * shows the whole run, overlays and option changes wherever it is on the page.
 */
import type { RefObject } from 'react';
import { useRunStore } from '../../state/run/run-store';
import { useOnScreen } from './use-on-screen';

export interface ChartLive {
  readonly onScreen: boolean;
  readonly live: boolean;
}

export function useChartLive(ref: RefObject<Element | null>): ChartLive {
  const onScreen = useOnScreen(ref);
  const training = useRunStore((state) => state.status === 'running');
  return { onScreen, live: onScreen || !training };
}
