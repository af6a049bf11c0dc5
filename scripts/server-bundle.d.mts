import type { BuildOptions } from 'esbuild';

/** The repository's root. */
export const root: string;
/** esbuild's options for compiling the server, without entry points or output (server-bundle.mjs). */
export function serverBundleOptions(): Promise<BuildOptions>;
