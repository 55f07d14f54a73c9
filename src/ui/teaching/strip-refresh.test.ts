import { describe, expect, test } from 'vitest';
import { stripRequestDue } from './strip-refresh';

describe('stripRequestDue', () => {
  test('asks at the first point, then each time the step crosses a multiple of 10', () => {
    let asked = -1;
    const requests: number[] = [];
    for (const step of [0, 1, 2, 5, 9, 10, 11, 19, 23, 30, 30, 31]) {
      const due = stripRequestDue(asked, step);
      if (due === null) continue;
      asked = due;
      requests.push(step);
    }
    expect(requests).toEqual([1, 10, 23, 30]);
  });

  test('a new run (steps from 1 again) asks afresh', () => {
    expect(stripRequestDue(4, 1)).toBe(0);
    expect(stripRequestDue(0, 3)).toBeNull();
  });
});
