/**
 * Whether a WebGPU adapter is a software renderer on the CPU (Chromium's SwiftShader, Mesa's llvmpipe/lavapipe,
 * WARP): WebGPU there runs about 18x slower than the WebAssembly backend on the same cores, so `auto` avoids it.
 */

/** The parts of GPUAdapterInfo that tell a software adapter apart (`isFallbackAdapter` is newer than some typings). */
export interface AdapterIdentity {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly device?: string;
  readonly description?: string;
  readonly isFallbackAdapter?: boolean;
}

const SOFTWARE_NAMES = /swiftshader|llvmpipe|lavapipe|softpipe|software|microsoft basic render|warp/i;

/** True for a fallback adapter or one whose names say it renders in software. */
export function isSoftwareAdapter(info: AdapterIdentity, adapterIsFallback = false): boolean {
  if (adapterIsFallback || info.isFallbackAdapter === true) return true;
  return SOFTWARE_NAMES.test([info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' '));
}

/** "google swiftshader" style name for messages; "unnamed adapter" when the browser hides every field. */
export function adapterName(info: AdapterIdentity): string {
  const name = [info.vendor, info.architecture, info.description || info.device].filter(Boolean).join(' ').trim();
  return name || 'unnamed adapter';
}
