/**
 * Command-line arguments of `npm run train`, parsed without side effects so they can be tested. Any flag that is
 * not one of the command's own is a config key (`--batch-size 2`, `--training.epochs 5`); `--set key=value` says
 * the same for keys whose spelling could clash with a flag. Values are kept as text here and read as YAML
 * scalars when the config is resolved (`resolve-config.ts`).
 */
import { TRAINING_BACKENDS } from '../../src/protocol/run-config';
import { usageError } from './exit-codes';

export const ADAPTERS = ['swiftshader', 'hardware'] as const;
export type Adapter = (typeof ADAPTERS)[number];

/** One config value from the command line: the key as written and the value's text. */
export interface ConfigOverride {
  /** As written, without dashes: `max-steps`, `training.maxSteps`, `batch_size`. */
  readonly key: string;
  readonly text: string;
  /** How the user wrote it, for messages: `--max-steps`, `--set training.maxSteps`. */
  readonly flag: string;
}

export interface TrainArgs {
  /** Run config (YAML or JSON); null: the run folder's `config.yaml` (with `--resume`). */
  readonly configPath: string | null;
  /** An .h5 file to train on; null: the bundled sample. */
  readonly datasetPath: string | null;
  /** Run folder; null: `runs/<logging.runName>`. */
  readonly outDir: string | null;
  readonly resume: boolean;
  /** A safetensors file (studio or FoldTree2 names) a fresh run takes its initial weights from. */
  readonly initWeights: string | null;
  readonly adapter: Adapter;
  /** In command-line order: a later one wins. */
  readonly overrides: readonly ConfigOverride[];
  readonly chromiumArgs: readonly string[];
  /** A studio build to serve; null: build one into a temporary folder. */
  readonly distDir: string | null;
  /** null: any free port. */
  readonly port: number | null;
}

export const TRAIN_USAGE = `Usage: npm run train -- --config run.yaml [options]

Trains in headless Chromium exactly as the studio page does, and writes the run to a folder:
metrics.jsonl, metrics.csv, config.yaml, events.jsonl and checkpoints (*.ftsckpt).

Options:
  -c, --config FILE      run config, YAML or JSON, studio or FoldTree2 keys
                         (with --resume: default the run folder's config.yaml)
  --dataset FILE         FoldTree2-layout .h5 to train on (default: the bundled sample)
  --max-steps N          training.maxSteps
  --workers N            training.workers (data-parallel trainers; 0: auto)
  --set KEY=VALUE        any config key, studio or FoldTree2 spelling; repeatable; VALUE is read as YAML
  --KEY VALUE            the same for any other config key: --batch-size 2, --training.epochs 5
  -o, --out DIR          run folder (default: runs/<logging.runName>)
  --resume               continue from the newest checkpoint in the run folder
  --init-weights FILE    start a fresh run from these weights (.safetensors, the studio's or FoldTree2's
                         names, e.g. foldtree2.safetensors of an earlier run)
  --backend B            training.backend; auto: WebGPU on a hardware adapter, else WebAssembly
                         (a software adapter such as SwiftShader is slower than WebAssembly) (default); webgpu: WebGPU only (exit 3 without an adapter);
                         wasm: WebAssembly only; cpu: the plain JavaScript CPU backend
  --adapter A            swiftshader: software WebGPU that runs anywhere (default)
                         hardware: the system's GPU as Chromium finds it
  --chromium-arg FLAG    an extra Chromium flag; repeatable
  --dist DIR             serve this studio build (vite build --outDir DIR) instead of building one
  --port N               port of the local server (default: a free one)
  -h, --help             show this help

Exit codes: 0 finished, 1 failed, 2 bad command line, config or dataset, 3 no WebGPU adapter,
130 interrupted (Ctrl-C; a checkpoint is written first when the run has one).`;

function choice<T extends string>(flag: string, text: string, allowed: readonly T[]): T {
  const found = allowed.find((value) => value === text);
  if (found === undefined) throw usageError(`${flag} must be one of ${allowed.join(', ')}, got '${text}'`);
  return found;
}

/** Parses argv (without `node script`); throws a usage `CliError` naming the bad flag. */
export function parseTrainArgs(argv: readonly string[]): TrainArgs | 'help' {
  let configPath: string | null = null;
  let datasetPath: string | null = null;
  let outDir: string | null = null;
  let resume = false;
  let adapter: Adapter = 'swiftshader';
  let distDir: string | null = null;
  let initWeights: string | null = null;
  let port: number | null = null;
  const overrides: ConfigOverride[] = [];
  const chromiumArgs: string[] = [];

  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k] ?? '';
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--resume') {
      resume = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-' || arg === '--')
      throw usageError(`unexpected argument '${arg}' (flags take the form --name value)`);
    const equals = arg.indexOf('=');
    const flag = equals > 0 && arg.startsWith('--') ? arg.slice(0, equals) : arg;
    const inline = equals > 0 && arg.startsWith('--') ? arg.slice(equals + 1) : undefined;
    /** The flag's value; it may start with one dash (a negative number), with "--" only where it is a flag itself. */
    const value = (flagValue = false): string => {
      if (inline !== undefined) return inline;
      const next = argv[k + 1];
      if (next === undefined || (next.startsWith('--') && !flagValue)) throw usageError(`${flag} needs a value`);
      k++;
      return next;
    };
    switch (flag) {
      case '-c':
      case '--config':
        configPath = value();
        break;
      case '--dataset':
        datasetPath = value();
        break;
      case '-o':
      case '--out':
        outDir = value();
        break;
      case '--backend':
        overrides.push({ key: 'training.backend', text: choice(flag, value(), TRAINING_BACKENDS), flag });
        break;
      case '--adapter':
        adapter = choice(flag, value(), ADAPTERS);
        break;
      case '--chromium-arg':
        chromiumArgs.push(value(true));
        break;
      case '--init-weights':
        initWeights = value();
        break;
      case '--dist':
        distDir = value();
        break;
      case '--port': {
        const text = value();
        const n = Number(text);
        if (!Number.isInteger(n) || n < 1 || n > 65535)
          throw usageError(`--port needs a port number (1–65535), got '${text}'`);
        port = n;
        break;
      }
      case '--set': {
        const pair = value();
        const at = pair.indexOf('=');
        if (at <= 0) throw usageError(`--set needs KEY=VALUE, got '${pair}'`);
        overrides.push({
          key: pair.slice(0, at).trim(),
          text: pair.slice(at + 1),
          flag: `--set ${pair.slice(0, at).trim()}`,
        });
        break;
      }
      default: {
        if (!flag.startsWith('--') || flag.length < 3) throw usageError(`unknown option '${flag}' (see --help)`);
        overrides.push({ key: flag.slice(2), text: value(), flag });
      }
    }
  }
  if (resume && configPath === null && outDir === null)
    throw usageError('--resume needs --out DIR (the run folder) or --config FILE');
  if (!resume && configPath === null) throw usageError('--config FILE is required (see --help)');
  if (resume && initWeights !== null)
    throw usageError('--init-weights starts a fresh run and --resume continues one: use one of them');
  return { configPath, datasetPath, outDir, resume, initWeights, adapter, overrides, chromiumArgs, distDir, port };
}
