/**
 * The name a run gets when its config names none: `<preset>-<UTC time to the second>`, e.g.
 * `teaching-2026-03-01-14-05-09`. The coordinator, the runs list and the command-line trainer all name runs so.
 */
export function defaultRunName(preset: string, at: Date): string {
  return `${preset}-${at.toISOString().slice(0, 19).replace(/[:T]/g, '-')}`;
}
