/** The red Stop button of whatever trains: the run, the schedule comparison. */
export function StopButton({ testId, disabled, onStop }: { testId: string; disabled: boolean; onStop: () => void }) {
  return (
    <button type="button" className="button-danger" data-testid={testId} disabled={disabled} onClick={onStop}>
      Stop
    </button>
  );
}
