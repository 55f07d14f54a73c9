/**
 * What `npm run train` exits with. 130 for Ctrl-C is the shell's own convention (128 + SIGINT), so scripts that
 * call the trainer can tell "interrupted, checkpoint written" from a failure.
 */
export const EXIT_CODES = {
  /** The run finished. */
  finished: 0,
  /** The run failed (a trainer error, a fault, the browser or the server going away). */
  failed: 1,
  /** The command line, the config or the dataset was refused before training began. */
  usage: 2,
  /** `--backend webgpu` asked for, and the browser has no WebGPU adapter. */
  noBackend: 3,
  /** Stopped by SIGINT (Ctrl-C) or SIGTERM, after writing a checkpoint where the run had one to give. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** An error that ends the command with `exitCode` and its message as the one line printed. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A command-line, config or dataset problem: exit 2. */
export function usageError(message: string): CliError {
  return new CliError(message, EXIT_CODES.usage);
}

/** A message as the one line the command ends with: the importer lists bad keys one per line under a heading. */
export function oneLine(message: string): string {
  const [first = '', ...rest] = message
    .split('\n')
    .map((line) => line.trim().replace(/^- /, ''))
    .filter((line) => line !== '');
  return rest.length === 0 ? first : `${first}: ${rest.join('; ')}`;
}
