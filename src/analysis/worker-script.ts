/**
 * Worker threads that run this repository's TypeScript. Node 20 cannot start a worker on a `.ts`
 * module, and a loader given with `execArgv: ['--import', 'tsx']` does not reach a worker's
 * modules there (checked on 20.20: ERR_UNKNOWN_FILE_EXTENSION, with or without a JavaScript
 * entry). So the worker's module and everything it imports is bundled with esbuild, once per
 * process, into one plain ES module handed to the Worker as a `data:` URL: no file is written,
 * and the same code runs under `npm start` (tsx), the CLI, vitest and CI from a clean clone.
 *
 * Workers are started with `execArgv: []` (see {@link WORKER_EXEC_ARGV}): what they run is
 * plain JavaScript, and inheriting tsx's loader only slows their start.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BuildOptions, Plugin } from 'esbuild';

/** Node options for a worker started on a bundled script: none. */
export const WORKER_EXEC_ARGV: string[] = [];

// The bundles of this process, by entry: a cache of a pure function of the source files (a
// changed source means a restarted process: `npm run dev` restarts on change).
const bundled = new Map<string, URL>();
const bundling = new Map<string, Promise<URL>>();

function options(entry: URL): BuildOptions & { write: false } {
  return {
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  };
}

function toDataUrl(code: string): URL {
  return new URL(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/**
 * esbuild, loaded only when a bundle is made (a worker never needs it). Resolved from this
 * module's own location in the repository, which a bundle keeps (see {@link keepModuleUrls}).
 */
function esbuild(): typeof import('esbuild') {
  return createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
}

/**
 * A script a Worker can start for the TypeScript module `entry`. Synchronous, for leaf workers:
 * inside the bundle `import.meta.url` is the bundle's own, so the worker must not locate files
 * relative to its modules. Throws when esbuild fails.
 */
export function bundleWorker(entry: URL): URL {
  const done = bundled.get(entry.href);
  if (done) return done;
  const result = esbuild().buildSync(options(entry));
  const url = toDataUrl(result.outputFiles[0]?.text ?? '');
  bundled.set(entry.href, url);
  return url;
}

/**
 * {@link bundleWorker}, or undefined when the bundle cannot be made: the caller then does the
 * work in its own thread.
 */
export function bundleWorkerOrNone(entry: URL): URL | undefined {
  try {
    return bundleWorker(entry);
  } catch {
    return undefined;
  }
}

/**
 * Like {@link bundleWorker}, asynchronously, and every module inside the bundle keeps its own
 * `import.meta.url`: a worker whose modules start workers of their own (the analysis starts its
 * tokenising worker) finds them as it does from source.
 */
export function bundleWorkerAsync(entry: URL): Promise<URL> {
  let pending = bundling.get(entry.href);
  if (!pending) {
    pending = esbuild()
      .build({ ...options(entry), plugins: [keepModuleUrls] })
      .then((result) => toDataUrl(result.outputFiles[0]?.text ?? ''));
    // A failed bundle (a syntax error while editing, say) is tried again next time.
    pending.catch(() => bundling.delete(entry.href));
    bundling.set(entry.href, pending);
  }
  return pending;
}

/**
 * Replaces `import.meta.url` in each source file by that file's own URL (a bundle would
 * otherwise give every module the bundle's URL, a `data:` URL nothing can be resolved against).
 */
const keepModuleUrls: Plugin = {
  name: 'koe-keep-module-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const own = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: source.replace(/\bimport\.meta\.url\b/g, own), loader: 'ts' };
    });
  },
};
