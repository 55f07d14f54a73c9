import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for the studio's first page: dataset panel and WebGPU probe. */
export class StudioPage {
  readonly proteinCount: Locator;
  readonly datasetName: Locator;
  readonly datasetError: Locator;
  readonly fileInput: Locator;
  readonly skippedList: Locator;
  readonly gpuAdapter: Locator;
  readonly gpuF16: Locator;
  readonly histogram: Locator;

  constructor(readonly page: Page) {
    this.proteinCount = page.getByTestId('protein-count');
    this.datasetName = page.getByTestId('dataset-name');
    this.datasetError = page.getByTestId('dataset-error');
    this.fileInput = page.getByTestId('dataset-file-input');
    this.skippedList = page.getByTestId('skipped-list');
    this.gpuAdapter = page.getByTestId('gpu-adapter');
    this.gpuF16 = page.getByTestId('gpu-f16');
    this.histogram = page.getByTestId('length-histogram');
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { name: 'FoldTree Studio' })).toBeVisible();
  }

  async proteinCountValue(): Promise<number> {
    await expect(this.proteinCount).toHaveText(/^\d+$/);
    return Number(await this.proteinCount.textContent());
  }

  async pick(paths: string[]): Promise<void> {
    await this.fileInput.setInputFiles(paths);
  }
}
