/**
 * Runs a refresh at most once per interval however often it is asked for: the first request after a quiet
 * interval runs at once, later ones are folded into one run at the interval's end. `now()` runs at once (a pause,
 * one step, a reset: a person is waiting for exactly that change).
 */

/** The clock and timer the throttle uses; tests hand in a fake one. */
export interface ThrottleClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: ThrottleClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class RefreshThrottle {
  private lastRun = -Infinity;
  private timer: unknown = null;

  /** `refresh` runs at most once per `intervalMs` (read at each request, so it may change) through `request`. */
  constructor(
    private readonly refresh: () => void,
    private readonly intervalMs: number | (() => number),
    private readonly clock: ThrottleClock = systemClock,
  ) {}

  /** Something changed: refresh now if the last refresh is an interval ago, else once when it will be. */
  request(): void {
    if (this.timer !== null) return;
    const interval = typeof this.intervalMs === 'number' ? this.intervalMs : this.intervalMs();
    const wait = this.lastRun + interval - this.clock.now();
    if (wait <= 0) {
      this.run();
      return;
    }
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.run();
    }, wait);
  }

  /** Refresh at once; a refresh waiting for the interval's end is folded into this one. */
  now(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.run();
  }

  /** True while a refresh waits for the interval's end. */
  get pending(): boolean {
    return this.timer !== null;
  }

  private run(): void {
    this.lastRun = this.clock.now();
    this.refresh();
  }
}
