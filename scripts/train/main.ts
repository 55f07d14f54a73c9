/**
 * `npm run train`: resolve the config and the run folder (refusing bad input before anything starts), serve the
 * studio, open it in headless Chromium, start the run through the page's automation API and drive it to its end.
 * Returns the exit code; every way out prints one line saying why.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { exportConfig } from '../../src/config/export-config';
import type { RunConfig } from '../../src/protocol/run-config';
import { withConfigValue } from '../../src/state/config/config-edit';
import { backendProblem, isSoftwareAdapter } from './backend-check';
import { memoryProblem, preflightTarget } from './memory-check';
import { checkpointConfig } from '../../src/train/trainer/trainer-checkpoint';
import { checkpointOptimizerStep, newestCheckpointIn } from './checkpoint-files';
import { checkInitWeights, datasetInputWidth, refuseUnbuildableModel, resumedConfig } from './input-checks';
import { parseTrainArgs, TRAIN_USAGE, type TrainArgs } from './cli-args';
import { datasetPathFor } from './dataset-path';
import { driveRun } from './drive-run';
import { CliError, EXIT_CODES, oneLine, usageError, type ExitCode } from './exit-codes';
import { Interrupt } from './interrupt';
import { ProgressLine } from './progress-line';
import { resolveConfig, withRunName } from './resolve-config';
import { writeFoldtree2Export, type Foldtree2ExportInput } from './foldtree2-export';
import { CONFIG_FILE, RunFolder } from './run-folder';
import { serveApp, type ServedApp } from './serve-app';
import { chromiumArgs, StudioBrowser } from './studio-browser';
import { tensorboardSink } from './tensorboard-sink';

/** What is known before any process starts: the config, the folder, the checkpoint to resume from. */
interface Plan {
  readonly config: RunConfig;
  /** The .h5 file to train on; null: the bundled sample. */
  readonly datasetPath: string | null;
  readonly warnings: readonly string[];
  readonly folder: RunFolder;
  readonly resumeFrom: { readonly path: string; readonly step: number; readonly bytes: Buffer } | null;
  /** --resume adopted a checkpoint of another model: the folder's config.yaml is rewritten to match it. */
  readonly adopted?: boolean;
}

function readText(path: string, what: string): string {
  if (!existsSync(path) || !statSync(path).isFile()) throw usageError(`${what} ${path} not found`);
  return readFileSync(path, 'utf8');
}

function withDataset(config: RunConfig, datasetPath: string | null): RunConfig {
  if (datasetPath === null) return config;
  const edit = withConfigValue(config, 'data.dataset', datasetPath);
  return edit.ok ? edit.config : config;
}

async function plan(args: TrainArgs): Promise<Plan> {
  if (args.initWeights !== null && (!existsSync(args.initWeights) || !statSync(args.initWeights).isFile()))
    throw usageError(`--init-weights: weights file ${args.initWeights} not found`);
  // With --resume and no --config, the run folder's own config.yaml is the config.
  const fromFolder = args.configPath === null && args.outDir !== null ? resolve(args.outDir, CONFIG_FILE) : null;
  const configPath = args.configPath ?? fromFolder ?? '';
  const resolved = resolveConfig(
    readText(configPath, fromFolder ? '--resume: the run folder has no config; its' : 'config file'),
    basename(configPath),
    args.overrides,
  );
  if (args.resume && args.outDir === null && resolved.config.logging.runName === null) {
    throw usageError('--resume needs --out DIR, or a logging.runName in the config, to find the run folder');
  }
  const datasetPath = datasetPathFor(args.datasetPath, resolved.config.data.dataset, dirname(resolve(configPath)));
  // The folder's config.yaml records the file, so `--resume` finds it again without --dataset.
  const planned = withDataset(withRunName(resolved.config, new Date()), datasetPath);
  // Everything that can be refused is refused here, before a server or a browser starts (exit 2).
  const inputWidth = await datasetInputWidth(datasetPath);
  if (!args.resume) refuseUnbuildableModel(planned, basename(configPath), inputWidth);
  if (!args.resume && args.initWeights !== null) checkInitWeights(args.initWeights, planned, inputWidth);
  const folder = RunFolder.open(resolve(args.outDir ?? `runs/${planned.logging.runName ?? 'run'}`), args.resume);
  if (!args.resume) return { config: planned, datasetPath, warnings: resolved.warnings, folder, resumeFrom: null };

  const newest = newestCheckpointIn(folder.dir);
  if (!newest) throw usageError(`--resume: no checkpoint (*.ftsckpt) in ${folder.dir}`);
  const bytes = readFileSync(newest.path);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const step = checkpointOptimizerStep(buffer, newest.path);
  // The trainers restore the checkpoint's own config: the run is logged, written and exported as that model.
  const { config, note } = resumedConfig(planned, savedConfig(buffer, newest.path), basename(newest.path), inputWidth);
  const warnings = [...resolved.warnings];
  if (note !== null) warnings.push(note);
  else if (args.overrides.length > 0 || args.configPath !== null)
    warnings.push(
      '--resume: the trainers continue with the checkpoint’s own config; config changes apply to new runs only',
    );
  return {
    config,
    datasetPath,
    warnings,
    folder,
    resumeFrom: { path: newest.path, step, bytes },
    adopted: note !== null,
  };
}

/** The run config a checkpoint holds; exit 2 naming the file when it holds none the studio can read. */
function savedConfig(buffer: ArrayBuffer, path: string): RunConfig {
  try {
    return checkpointConfig(buffer, path);
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
}

async function openDataset(browser: StudioBrowser, datasetPath: string | null): Promise<void> {
  // The page opens the bundled sample by itself; the file input is disabled until that is done.
  const opened = await browser.waitFor(
    (s) => s.dataset.status === 'ready' || s.dataset.status === 'error',
    'the bundled sample to open',
    120_000,
  );
  if (datasetPath === null) {
    if (opened.dataset.status === 'error')
      throw new CliError(
        `the bundled sample did not open: ${opened.dataset.error ?? 'no reason given'}`,
        EXIT_CODES.failed,
      );
    return;
  }
  await browser.pickDataset(resolve(datasetPath));
  const name = basename(datasetPath);
  const status = await browser.waitFor(
    (s) => s.dataset.status === 'error' || (s.dataset.status === 'ready' && s.dataset.name === name),
    `${name} to open`,
    600_000,
  );
  if (status.dataset.status === 'error')
    throw usageError(`dataset ${datasetPath}: ${status.dataset.error ?? 'could not be opened'}`);
  const { proteins, setAside, firstSetAside } = status.dataset;
  if (proteins === 0)
    throw usageError(
      `dataset ${datasetPath}: no usable protein (${setAside} set aside by the value check${firstSetAside === null ? '' : `; first: ${firstSetAside}`})`,
    );
}

async function train(args: TrainArgs, progress: ProgressLine, interrupt: Interrupt): Promise<ExitCode> {
  const { config, datasetPath, warnings, folder, resumeFrom, adopted } = await plan(args);
  for (const warning of warnings) progress.print(`warning: ${warning}`);
  const configText = exportConfig(config, 'yaml');
  if (!resumeFrom || adopted === true || folder.readConfig() === null) folder.writeConfig(configText);
  folder.addSink(tensorboardSink(folder.dir));
  if (resumeFrom) {
    const kept = folder.metrics.keepThrough(resumeFrom.step);
    progress.print(`resuming from ${resumeFrom.path} (step ${resumeFrom.step}; ${kept} metric rows kept)`);
  }
  folder.record({
    type: 'command',
    argv: process.argv.slice(2),
    backend: config.training.backend,
    resume: resumeFrom?.path ?? null,
  });
  for (const warning of warnings) folder.record({ type: 'config-warning', message: warning });

  let app: ServedApp | null = null;
  let browser: StudioBrowser | null = null;
  try {
    app = await serveApp({ distDir: args.distDir, port: args.port, say: (line) => progress.print(line) });
    interrupt.check();
    browser = await StudioBrowser.open(
      app.url,
      chromiumArgs(config.training.backend, args.adapter, args.chromiumArgs),
      (line) => progress.print(line),
    );
    interrupt.check();
    const probed = await browser.waitFor((s) => s.gpu !== null, 'the WebGPU probe', 60_000);
    const problem = backendProblem(config.training.backend, args.adapter, probed.gpu);
    if (problem !== null) throw new CliError(problem, EXIT_CODES.noBackend);
    // Before any trainer starts: a step that cannot fit is a config problem (exit 2), not a crash at step 0.
    const memory = resumeFrom ? null : await memoryProblem(config, datasetPath, preflightTarget(config, probed.gpu));
    if (memory !== null) throw usageError(memory);
    if (
      config.training.backend === 'auto' &&
      args.adapter === 'hardware' &&
      probed.gpu &&
      isSoftwareAdapter(probed.gpu)
    ) {
      progress.print(
        'warning: no GPU found, only the software adapter (SwiftShader): the trainers run on WebAssembly, faster than it; --backend webgpu would refuse instead',
      );
    }
    await openDataset(browser, datasetPath);
    interrupt.check();
    const weights =
      args.initWeights === null
        ? undefined
        : { name: basename(args.initWeights), base64: readFileSync(args.initWeights).toString('base64') };
    const started = await browser.start(configText, CONFIG_FILE, resumeFrom?.bytes.toString('base64'), weights);
    if (!started.ok) throw usageError(`the run did not start: ${started.reason}`);
    const outcome = await driveRun({
      browser,
      folder,
      progress,
      interrupt,
      checkpointTimeoutMs: (config.training.trainerTimeoutS + 30) * 1000,
      fromStep: resumeFrom?.step ?? 0,
    });
    if (outcome.checkpoint)
      handOverToFoldtree2(
        folder,
        { checkpointPath: outcome.checkpoint, datasetPath, trainers: outcome.info?.trainers },
        progress,
      );
    folder.record({ type: 'exit', code: outcome.exitCode, reason: outcome.reason, step: outcome.lastStep });
    const where = outcome.checkpoint ? `; last checkpoint ${outcome.checkpoint}` : '';
    const line = `${outcome.reason} at step ${outcome.lastStep} → ${folder.dir}${where}`;
    if (outcome.exitCode === EXIT_CODES.finished) process.stdout.write(`${line}\n`);
    else progress.print(line);
    return outcome.exitCode;
  } catch (error) {
    folder.record({
      type: 'exit',
      code: exitCodeOf(error, interrupt),
      reason: oneLine(error instanceof Error ? error.message : String(error)),
    });
    throw error;
  } finally {
    await browser?.close();
    app?.close();
    folder.close();
  }
}

/** The FoldTree2 hand-over folder beside the run's own files; a failure (or a model FoldTree2 cannot build) costs the run nothing. */
function handOverToFoldtree2(folder: RunFolder, input: Foldtree2ExportInput, progress: ProgressLine): void {
  try {
    const files = writeFoldtree2Export(folder, input);
    folder.record({ type: 'foldtree2-export', files });
    progress.print(
      `hand-over to FoldTree2's learn_lightning.py: ${dirname(files[0] ?? '')} (run python3 ${basename(files[2] ?? '')} there)`,
    );
  } catch (error) {
    progress.print(`no FoldTree2 hand-over: ${oneLine(error instanceof Error ? error.message : String(error))}`);
  }
}

/** A `CliError`'s own code; anything else is a failure, unless a signal came (a child dying of the same Ctrl-C). */
function exitCodeOf(error: unknown, interrupt: Interrupt): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  return interrupt.received !== null ? EXIT_CODES.interrupted : EXIT_CODES.failed;
}

/** Runs the command on `argv` (without `node script`) and returns its exit code. */
export async function main(argv: readonly string[]): Promise<ExitCode> {
  const progress = new ProgressLine();
  const interrupt = new Interrupt((signal) => progress.print(`${signal}: finishing up (again to quit at once)`));
  try {
    const args = parseTrainArgs(argv);
    if (args === 'help') {
      process.stdout.write(`${TRAIN_USAGE}\n`);
      return EXIT_CODES.finished;
    }
    return await train(args, progress, interrupt);
  } catch (error) {
    progress.finish();
    const code = exitCodeOf(error, interrupt);
    process.stderr.write(
      `${code === EXIT_CODES.interrupted ? 'interrupted' : 'error'}: ${oneLine(error instanceof Error ? error.message : String(error))}\n`,
    );
    return code;
  } finally {
    interrupt.dispose();
  }
}
