/**
 * The studio served on 127.0.0.1 for the headless browser: built into a temporary folder of its own (a test run
 * rebuilding dist/ meanwhile would swap the worker scripts under a running training) or taken from `--dist`, and
 * served by `vite preview`, which sends the cross-origin isolation headers SharedArrayBuffer needs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { usageError } from './exit-codes';

export interface ServedApp {
  readonly url: string;
  close(): void;
}

const root = resolve(import.meta.dirname, '../..');

/** A port nobody listens on now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Runs a command quietly; what it wrote to stderr becomes the error when it fails (build timings are noise). */
function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) =>
      code === 0
        ? done()
        : fail(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr.trim().slice(-2000)}`)),
    );
  });
}

async function waitUntilServing(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`vite preview exited with ${server.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the studio server did not answer at ${url} within ${timeoutMs / 1000} s`);
}

/** Builds (unless `distDir` is given) and serves the studio; `close()` stops the server and removes the build. */
export async function serveApp(options: {
  readonly distDir: string | null;
  readonly port: number | null;
  readonly say: (line: string) => void;
}): Promise<ServedApp> {
  let outDir = options.distDir === null ? null : resolve(options.distDir);
  if (outDir !== null && !existsSync(join(outDir, 'index.html')))
    throw usageError(`--dist ${options.distDir}: no studio build there (no index.html)`);
  const built = outDir === null;
  if (outDir === null) {
    outDir = mkdtempSync(join(tmpdir(), 'foldtree-train-dist-'));
    options.say('building the studio…');
    try {
      await run('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir']);
    } catch (error) {
      rmSync(outDir, { recursive: true, force: true });
      throw error;
    }
  }
  const port = options.port ?? (await freePort());
  // Its own process group, so stopping it ends npx and vite together.
  const server = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir],
    { cwd: root, stdio: 'ignore', detached: true },
  );
  const dir = outDir;
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    process.off('exit', close);
    if (server.pid !== undefined) {
      try {
        process.kill(-server.pid);
      } catch {
        // Already gone.
      }
    }
    if (built) rmSync(dir, { recursive: true, force: true });
  };
  // Even an abrupt exit (a second Ctrl-C) must not leave the server running.
  process.on('exit', close);
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitUntilServing(url, server, 60_000);
  } catch (error) {
    close();
    throw error;
  }
  return { url, close };
}
