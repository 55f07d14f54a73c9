/**
 * Ctrl-C and SIGTERM as a request the training loop answers at its own pace (checkpoint, stop, exit 130); a second
 * signal (a moment later) quits at once, for a run that does not answer.
 */
import { CliError, EXIT_CODES } from './exit-codes';

/** Signals closer together than this are the same request. */
const SAME_SIGNAL_MS = 1_000;

/** Listens for SIGINT and SIGTERM from construction until `dispose`. */
export class Interrupt {
  private signal: NodeJS.Signals | null = null;
  private at = 0;
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    // One Ctrl-C can arrive twice: from the terminal to the whole process group, and relayed by the launcher
    // (tsx, npm) to its child. Only a signal that comes later is a second request.
    if (this.signal !== null && Date.now() - this.at < SAME_SIGNAL_MS) return;
    if (this.signal !== null) {
      process.stderr.write(`\n${signal} again: quitting without waiting for the run\n`);
      process.exit(EXIT_CODES.interrupted);
    }
    this.signal = signal;
    this.at = Date.now();
    this.notify(signal);
  };

  constructor(private readonly notify: (signal: NodeJS.Signals) => void) {
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
  }

  /** The signal received, if any. */
  get received(): NodeJS.Signals | null {
    return this.signal;
  }

  /** Between the steps of setting up: ends the command (exit 130) once a signal came. */
  check(): void {
    if (this.signal !== null)
      throw new CliError(`interrupted (${this.signal}) before training began`, EXIT_CODES.interrupted);
  }

  dispose(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }
}
