import { expect, type Locator, type Page } from '@playwright/test';

export interface RunSettings {
  readonly preset?: 'tiny' | 'teaching' | 'foldtree2' | 'foldtree2-small';
  readonly batchSize?: number;
  readonly maxResidues?: number;
  readonly epochs?: number;
  readonly seed?: number;
  readonly workers?: number;
  readonly maxSteps?: number;
  readonly strategy?: 'ddp' | 'dp' | 'single';
  readonly backend?: 'auto' | 'webgpu' | 'wasm' | 'cpu';
}

/** Page object for the training panel: settings, run controls, status line and the live loss chart. */
export class TrainingPage {
  readonly panel: Locator;
  readonly state: Locator;
  readonly step: Locator;
  readonly error: Locator;
  readonly precision: Locator;
  readonly parameters: Locator;
  readonly startButton: Locator;
  readonly pauseButton: Locator;
  readonly resumeButton: Locator;
  readonly stopButton: Locator;
  readonly checkpointButton: Locator;
  readonly lossChart: Locator;
  readonly log: Locator;
  readonly configImport: Locator;
  readonly configError: Locator;
  readonly configNotes: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('training-panel');
    this.state = page.getByTestId('run-state');
    this.step = page.getByTestId('run-step');
    this.error = page.getByTestId('run-error');
    this.precision = page.getByTestId('run-precision');
    this.parameters = page.getByTestId('run-parameters');
    this.startButton = page.getByTestId('run-start');
    this.pauseButton = page.getByTestId('run-pause');
    this.resumeButton = page.getByTestId('run-resume');
    this.stopButton = page.getByTestId('run-stop');
    this.checkpointButton = page.getByTestId('run-checkpoint');
    this.lossChart = page.getByTestId('chart-loss');
    this.log = page.getByTestId('run-log');
    this.configImport = page.getByTestId('config-import-input');
    this.configError = page.getByTestId('config-error');
    this.configNotes = page.getByTestId('config-notes');
  }

  field(key: string): Locator {
    return this.page.getByTestId(`config-${key}`);
  }

  /** Sets the given settings through the editor, as a user would, and checks none was refused. */
  async configure(settings: RunSettings): Promise<void> {
    if (settings.preset) await this.field('preset').selectOption(settings.preset);
    if (settings.strategy) await this.field('strategy').selectOption(settings.strategy);
    if (settings.backend) await this.field('backend').selectOption(settings.backend);
    const numbers: Array<[string, number | undefined]> = [
      ['batchSize', settings.batchSize],
      ['maxResidues', settings.maxResidues],
      ['epochs', settings.epochs],
      ['seed', settings.seed],
      ['workers', settings.workers],
      ['maxSteps', settings.maxSteps],
    ];
    for (const [key, value] of numbers) {
      if (value === undefined) continue;
      await this.field(key).fill(String(value));
      await expect(this.field(key)).not.toHaveAttribute('aria-invalid', 'true');
    }
  }

  /** Imports a config file with the given name and text through the Import button's file input. */
  async importConfig(name: string, text: string): Promise<void> {
    await this.configImport.setInputFiles({ name, mimeType: 'application/yaml', buffer: Buffer.from(text) });
  }

  async start(): Promise<void> {
    await expect(this.startButton).toBeEnabled();
    await this.startButton.click();
  }

  async stepValue(): Promise<number> {
    return Number(await this.step.textContent());
  }

  /**
   * The step count once it has not moved for `quietMs`: a pause lets the step in flight finish, and its metrics
   * may arrive after the paused state does.
   */
  async steadyStep(quietMs: number, timeout: number): Promise<number> {
    const deadline = Date.now() + timeout;
    let before = await this.stepValue();
    for (;;) {
      await this.page.waitForTimeout(quietMs);
      const after = await this.stepValue();
      if (after === before) return after;
      if (Date.now() > deadline)
        throw new Error(`the step count kept moving for ${timeout} ms (last ${before} → ${after})`);
      before = after;
    }
  }

  /** Points the loss chart draws for the total loss. */
  async lossPoints(): Promise<number> {
    return Number((await this.lossChart.getAttribute('data-points')) ?? '0');
  }

  async waitForLossPoints(atLeast: number, timeout: number): Promise<void> {
    await expect.poll(() => this.lossPoints(), { timeout, intervals: [500, 1000] }).toBeGreaterThanOrEqual(atLeast);
  }
}
