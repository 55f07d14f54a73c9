/** A one-line terminal progress bar on stderr (plain lines when stderr is not a terminal, e.g. in CI logs). */
export class ProgressBar {
  private lastPrinted = -1;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly width = 30,
  ) {}

  update(done: number, label: string): void {
    const fraction = this.total === 0 ? 1 : done / this.total;
    if (this.stream.isTTY) {
      const filled = Math.round(fraction * this.width);
      const bar = `${'#'.repeat(filled)}${'.'.repeat(this.width - filled)}`;
      const line = `[${bar}] ${done}/${this.total} ${label}`;
      this.stream.write(
        `\r${line.slice(0, (this.stream.columns || 100) - 1).padEnd((this.stream.columns || 100) - 1)}`,
      );
    } else {
      const percent = Math.floor(fraction * 10) * 10;
      if (percent !== this.lastPrinted || done === this.total) {
        this.lastPrinted = percent;
        this.stream.write(`${done}/${this.total} (${percent}%) ${label}\n`);
      }
    }
  }

  finish(): void {
    if (this.stream.isTTY) this.stream.write('\n');
  }
}
