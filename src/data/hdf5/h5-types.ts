/**
 * Type names for the parts of h5wasm this folder uses. Library files never import an h5wasm build at runtime:
 * the caller passes the namespace (`import h5wasm from 'h5wasm'` in a worker, `'h5wasm/node'` in Node tests),
 * so the same code runs on either build. Both builds share one declaration file, so these types fit both.
 */
import type h5wasmNamespace from 'h5wasm';
import type { Dataset, File, Group } from 'h5wasm';

/** The h5wasm default export (either build). */
export type H5Wasm = typeof h5wasmNamespace;
/** The Emscripten module `await h5wasm.ready` resolves to; carries `FS`. */
export type H5Module = Awaited<H5Wasm['ready']>;
export type H5File = File;
export type H5Group = Group;
export type H5Dataset = Dataset;
