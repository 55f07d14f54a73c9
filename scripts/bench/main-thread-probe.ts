/**
 * What the page's main thread did, recorded in the page itself: every long task (PerformanceObserver `longtask`),
 * every animation frame, input events as the browser times them (Event Timing API), and the input echo of keys typed into fields — the time from the key event (its
 * `timeStamp`, taken when the browser received it, so time waiting behind a busy main thread counts) to the first
 * animation frame after the field's value changed. Installed with `installMainThreadProbe(page)`
 * before the page loads (`installMainThreadProbe(page)`); read with `readMainThreadProbe`. Used by the long-run journey and by `npm run bench`.
 */
import type { Page } from '@playwright/test';

/** One long task: start and duration in ms on the page's `performance.now()` clock. */
export interface LongTask {
  readonly start: number;
  readonly duration: number;
}

/** One typed key: when it happened and how long until its value was on screen (ms). */
export interface EchoSample {
  readonly at: number;
  readonly ms: number;
  /** `data-testid` (or tag name) of the field typed into. */
  readonly target: string;
}

/** One input event the browser timed (Event Timing API): from the input to the next paint after its handlers. */
export interface TimedEvent {
  readonly name: string;
  readonly start: number;
  readonly duration: number;
  readonly target: string;
}

export interface MainThreadRecord {
  /** `performance.now()` when read. */
  readonly now: number;
  readonly longTasks: readonly LongTask[];
  /** `performance.now()` of each animation frame, oldest first. */
  readonly frames: readonly number[];
  readonly echoes: readonly EchoSample[];
  /** Input events of 16 ms or more (clicks, keys), as the browser timed them. */
  readonly events: readonly TimedEvent[];
}

interface ProbeState {
  longTasks: LongTask[];
  frames: number[];
  echoes: EchoSample[];
  events: TimedEvent[];
}

declare global {
  interface Window {
    mainThreadProbe?: ProbeState;
  }
}

/**
 * The probe's source, run in the page before its own scripts (`page.addInitScript({ content: MAIN_THREAD_PROBE })`).
 * Plain JavaScript text: a function handed to Playwright would carry the TypeScript loader's helpers with it.
 */
export const MAIN_THREAD_PROBE = `(() => {
  const state = { longTasks: [], frames: [], echoes: [], events: [] };
  window.mainThreadProbe = state;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const nameOf = (target) => (target && target.dataset && target.dataset.testid) || ((target && target.tagName) || 'unknown').toLowerCase();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.events.push({ name: entry.name, start: entry.startTime, duration: entry.duration, target: nameOf(entry.target) });
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  const onFrame = (time) => {
    state.frames.push(time);
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
  const pressed = new WeakMap();
  document.addEventListener('keydown', (event) => { if (event.target) pressed.set(event.target, event.timeStamp); }, true);
  document.addEventListener('input', (event) => {
    const target = event.target;
    const down = target ? pressed.get(target) : undefined;
    if (!target || down === undefined) return;
    pressed.delete(target);
    requestAnimationFrame(() => state.echoes.push({ at: down, ms: performance.now() - down, target: nameOf(target) }));
  }, true);
})();`;

/** Installs the probe in `page` for every document it loads from now on (call before `goto`). */
export async function installMainThreadProbe(page: Page): Promise<void> {
  await page.addInitScript({ content: MAIN_THREAD_PROBE });
}

/** Everything recorded so far (the page keeps recording). */
export async function readMainThreadProbe(page: Page): Promise<MainThreadRecord> {
  return page.evaluate(() => {
    const state = window.mainThreadProbe;
    if (!state) throw new Error('the main-thread probe is not installed (installMainThreadProbe(page) before goto)');
    return {
      now: performance.now(),
      longTasks: [...state.longTasks],
      frames: [...state.frames],
      echoes: [...state.echoes],
      events: [...state.events],
    };
  });
}

/** `performance.now()` in the page. */
export async function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}
