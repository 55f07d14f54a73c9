/**
 * Headless Chromium on the served studio, and the page's automation API (`window.studioTest.automation`) as
 * typed calls. WebGPU is switched on (SwiftShader, the CPU, unless `--adapter hardware`) for `auto` and `webgpu`,
 * and off for `wasm` and `cpu`, which need no GPU.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AutomationEvent, AutomationStart, AutomationStatus } from '../../src/ui/automation-api';
import type {} from '../../src/ui/test-api';
import type { TrainingBackendChoice } from '../../src/protocol/run-config';
import type { Adapter } from './cli-args';

const BASE_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Chromium's flags for a backend and adapter choice, then the user's own. */
export function chromiumArgs(backend: TrainingBackendChoice, adapter: Adapter, extra: readonly string[]): string[] {
  const gpu =
    backend === 'wasm' || backend === 'cpu'
      ? ['--disable-features=WebGPU']
      : adapter === 'swiftshader'
        ? ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader']
        : // Chromium's documented way to WebGPU on a GPU in headless Linux: Vulkan through ANGLE.
          ['--enable-unsafe-webgpu', '--ignore-gpu-blocklist', '--enable-features=Vulkan', '--use-angle=vulkan'];
  return [...BASE_ARGS, ...gpu, ...extra];
}

/** One Chromium with the studio open, its profile in a temporary folder removed on close (or on exit). */
export class StudioBrowser {
  private constructor(
    private readonly context: BrowserContext,
    readonly page: Page,
    private readonly profile: string,
  ) {}

  /** Launches Chromium with `args` and opens the studio at `url`; `say` hears page errors. */
  static async open(url: string, args: readonly string[], say: (line: string) => void): Promise<StudioBrowser> {
    // A profile on disk, as a user's browser has: with the in-memory HTTP cache of a fresh incognito context,
    // several trainers downloading the 29 MiB sample at once fail (net::ERR_CACHE_WRITE_FAILURE) for all but one.
    const profile = mkdtempSync(join(tmpdir(), 'foldtree-train-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [...args],
      // The command handles Ctrl-C itself: the browser must live until the checkpoint is out.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => say(`page error: ${error.message}`));
    const browser = new StudioBrowser(context, page, profile);
    // An abrupt exit (a second Ctrl-C) ends Chromium through Playwright's own exit hook; the profile goes too.
    process.on('exit', browser.removeProfile);
    try {
      await page.goto(url);
      await page.waitForFunction(() => window.studioTest?.automation !== undefined, undefined, { timeout: 60_000 });
    } catch (error) {
      await browser.close();
      throw error;
    }
    return browser;
  }

  status(): Promise<AutomationStatus> {
    return this.page.evaluate(() => window.studioTest!.automation.status());
  }

  /** Polls `status()` every 250 ms until `done` says so, or `timeoutMs` passes (then throws with `what`). */
  async waitFor(
    done: (status: AutomationStatus) => boolean,
    what: string,
    timeoutMs: number,
  ): Promise<AutomationStatus> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await this.status();
      if (done(status)) return status;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Opens `path` (an .h5 file) through the dataset panel's file input, as a user picking it would. */
  async pickDataset(path: string): Promise<void> {
    await this.page.getByTestId('dataset-file-input').setInputFiles(path);
  }

  /** Starts a run: fresh, from a checkpoint (base64), or fresh from a weights file (name and base64). */
  start(
    configText: string,
    fileName: string,
    checkpointBase64?: string,
    weights?: { readonly name: string; readonly base64: string },
  ): Promise<AutomationStart> {
    return this.page.evaluate(
      ([text, name, checkpoint, initial]) =>
        window.studioTest!.automation.start(text, name, checkpoint ?? undefined, initial ?? undefined),
      [configText, fileName, checkpointBase64 ?? null, weights ?? null] as const,
    );
  }

  drainEvents(): Promise<AutomationEvent[]> {
    return this.page.evaluate(() => window.studioTest!.automation.drainEvents());
  }

  requestCheckpoint(): Promise<boolean> {
    return this.page.evaluate(() => window.studioTest!.automation.requestCheckpoint());
  }

  stop(): Promise<void> {
    return this.page.evaluate(() => window.studioTest!.automation.stop());
  }

  pause(): Promise<void> {
    return this.page.evaluate(() => window.studioTest!.automation.pause());
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    this.removeProfile();
    process.off('exit', this.removeProfile);
  }

  private readonly removeProfile = (): void => {
    try {
      rmSync(this.profile, { recursive: true, force: true });
    } catch {
      // Chromium may still hold files in it during an abrupt exit; the OS cleans temporary folders.
    }
  };
}
