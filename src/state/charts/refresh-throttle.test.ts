import { describe, expect, it } from 'vitest';
import { RefreshThrottle, type ThrottleClock } from './refresh-throttle';

/** A clock whose time moves only when the test says so. */
function fakeClock() {
  let time = 0;
  let timers: Array<{ at: number; run: () => void; id: number }> = [];
  let ids = 0;
  const clock: ThrottleClock = {
    now: () => time,
    setTimeout: (run, ms) => {
      const id = ++ids;
      timers.push({ at: time + ms, run, id });
      return id;
    },
    clearTimeout: (handle) => {
      timers = timers.filter((t) => t.id !== handle);
    },
  };
  const advance = (ms: number) => {
    time += ms;
    for (const timer of timers.filter((t) => t.at <= time)) {
      timers = timers.filter((t) => t !== timer);
      timer.run();
    }
  };
  return { clock, advance };
}

describe('RefreshThrottle', () => {
  it('runs the first request at once and folds the next ones into one run per interval', () => {
    const { clock, advance } = fakeClock();
    let runs = 0;
    const throttle = new RefreshThrottle(() => runs++, 1000, clock);
    throttle.request();
    expect(runs).toBe(1);
    for (let k = 0; k < 8; k++) {
      advance(250);
      throttle.request();
    }
    // 2 s of requests every 250 ms: one run at 0, then one per second.
    expect(runs).toBe(3);
    expect(throttle.pending).toBe(true);
    advance(1000);
    expect(runs).toBe(4);
    expect(throttle.pending).toBe(false);
  });

  it('runs at once on now(), and a waiting run is folded into it', () => {
    const { clock, advance } = fakeClock();
    let runs = 0;
    const throttle = new RefreshThrottle(() => runs++, 1000, clock);
    throttle.request();
    advance(100);
    throttle.request();
    expect(runs).toBe(1);
    throttle.now();
    expect(runs).toBe(2);
    advance(2000);
    expect(runs).toBe(2);
  });

  it('reads a changing interval at each request', () => {
    const { clock, advance } = fakeClock();
    let runs = 0;
    let interval = 1000;
    const throttle = new RefreshThrottle(
      () => runs++,
      () => interval,
      clock,
    );
    throttle.request();
    interval = 3000;
    advance(1000);
    throttle.request();
    expect(runs).toBe(1);
    advance(1999);
    expect(runs).toBe(1);
    advance(1);
    expect(runs).toBe(2);
  });
});
