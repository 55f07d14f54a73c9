/**
 * The built studio's benchmark page (bench.html) in headless Debian Chromium, served locally: the model and the
 * data-parallel benchmarks run there through the same workers the studio trains with.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GpuProbeReport } from '../../src/protocol/gpu-probe-messages';
import { serveApp, type ServedApp } from '../train/serve-app';
import { chromiumArgs } from '../train/studio-browser';

export interface BenchBrowser {
  readonly page: Page;
  /** `chromium --version`. */
  readonly chromium: string;
  readonly userAgent: string;
  /** The adapter a worker of this page sees (the studio's own WebGPU probe). */
  adapter(): Promise<GpuProbeReport | null>;
  close(): Promise<void>;
}

const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Builds and serves the studio, opens `bench.html?<query>`; `say` hears progress and page errors. */
export async function openBenchPage(query: URLSearchParams, say: (line: string) => void): Promise<BenchBrowser> {
  const app: ServedApp = await serveApp({ distDir: null, port: null, say });
  // A profile on disk, as a user's browser has (several trainers fetch the sample at once through its HTTP cache).
  const profile = mkdtempSync(join(tmpdir(), 'foldtree-bench-profile-'));
  let context: BrowserContext | null = null;
  const close = async () => {
    await context?.close();
    app.close();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      args: chromiumArgs('auto', 'swiftshader', []),
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => say(`page error: ${error.message}`));
    await page.goto(`${app.url}bench.html?${query.toString()}`);
    const userAgent = await page.evaluate(() => navigator.userAgent);
    const version = execFileSync(executablePath, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return {
      page,
      chromium: version,
      userAgent,
      async adapter() {
        const text = await page
          .getByTestId('parallel-adapter')
          .getAttribute('data-adapter', { timeout: 1_000 })
          .catch(() => null);
        return text ? (JSON.parse(text) as GpuProbeReport) : null;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
