import { describe, expect, it } from 'vitest';
import { parseTrainArgs, type TrainArgs } from './cli-args';
import { CliError, EXIT_CODES } from './exit-codes';

function parsed(argv: string[]): TrainArgs {
  const args = parseTrainArgs(argv);
  if (args === 'help') throw new Error('unexpected help');
  return args;
}

function refusal(argv: string[]): CliError {
  try {
    parseTrainArgs(argv);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
}

describe('parseTrainArgs', () => {
  it('reads the command’s own flags and keeps the defaults for the rest', () => {
    const args = parsed(['--config', 'run.yaml', '--dataset', 'x.h5', '-o', 'runs/a', '--backend', 'wasm']);
    expect(args).toMatchObject({
      configPath: 'run.yaml',
      datasetPath: 'x.h5',
      outDir: 'runs/a',
      adapter: 'swiftshader',
      resume: false,
      distDir: null,
      port: null,
    });
    // --backend is the config key training.backend, so a YAML can say it too.
    expect(args.overrides).toEqual([{ key: 'training.backend', text: 'wasm', flag: '--backend' }]);
  });

  it('turns --max-steps, --workers, --set and any other flag into config overrides, in order, with --flag=value too', () => {
    const args = parsed([
      '-c',
      'run.yaml',
      '--max-steps',
      '50',
      '--workers=2',
      '--set',
      'optimizer.adamwLr=1e-4',
      '--batch-size',
      '-3',
    ]);
    expect(args.overrides).toEqual([
      { key: 'max-steps', text: '50', flag: '--max-steps' },
      { key: 'workers', text: '2', flag: '--workers' },
      { key: 'optimizer.adamwLr', text: '1e-4', flag: '--set optimizer.adamwLr' },
      // A value may start with one dash (a negative number): the config check refuses it later, not the parser.
      { key: 'batch-size', text: '-3', flag: '--batch-size' },
    ]);
  });

  it('collects repeated --chromium-arg flags and reads --port and --adapter', () => {
    const args = parsed([
      '-c',
      'r.yaml',
      '--chromium-arg',
      '--foo',
      '--chromium-arg=--bar=1',
      '--port',
      '4321',
      '--adapter',
      'hardware',
    ]);
    expect(args.chromiumArgs).toEqual(['--foo', '--bar=1']);
    expect(args.port).toBe(4321);
    expect(args.adapter).toBe('hardware');
  });

  it('lets --resume find the config in the run folder', () => {
    expect(parsed(['--resume', '--out', 'runs/a'])).toMatchObject({ resume: true, configPath: null, outDir: 'runs/a' });
  });

  it('takes --init-weights as the file a fresh run starts from', () => {
    expect(parsed(['-c', 'run.yaml', '--init-weights', 'runs/a/foldtree2.safetensors']).initWeights).toBe(
      'runs/a/foldtree2.safetensors',
    );
    expect(parsed(['-c', 'run.yaml']).initWeights).toBeNull();
  });

  it('answers --help anywhere on the line', () => {
    expect(parseTrainArgs(['--config', 'x', '-h'])).toBe('help');
  });

  it('refuses bad command lines with exit code 2 and a message naming the flag', () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /--config FILE is required/],
      [['--resume'], /--resume needs --out/],
      [['-c', 'r.yaml', '--backend', 'cuda'], /--backend must be one of auto, webgpu, wasm, cpu, got 'cuda'/],
      [['-c', 'r.yaml', '--max-steps'], /--max-steps needs a value/],
      [['-c', 'r.yaml', '--max-steps', '--workers', '2'], /--max-steps needs a value/],
      [['-c', 'r.yaml', '--set', 'novalue'], /--set needs KEY=VALUE/],
      [['-c', 'r.yaml', '--port', '70000'], /--port needs a port number/],
      [['-c', 'r.yaml', 'stray'], /unexpected argument 'stray'/],
      [['-c', 'r.yaml', '-x', '1'], /unknown option '-x'/],
      [
        ['-o', 'runs/a', '--resume', '--init-weights', 'w.safetensors'],
        /--init-weights starts a fresh run and --resume continues one/,
      ],
    ];
    for (const [argv, message] of cases) {
      const error = refusal(argv);
      expect(error.exitCode).toBe(EXIT_CODES.usage);
      expect(error.message).toMatch(message);
    }
  });
});
