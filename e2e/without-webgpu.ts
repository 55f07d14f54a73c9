/** Chromium with WebGPU switched off: trainers fall back to the WebAssembly backend, as on a browser without it. */
export const WITHOUT_WEBGPU = {
  launchOptions: {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--disable-features=WebGPU',
      '--no-sandbox',
      '--headless=new',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
};
