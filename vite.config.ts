/**
 * One config for the demo's dev server and the widget's two builds:
 * - `vite build`             → dist/pave-capture.js: one self-registering IIFE for a <script> tag, everything inlined
 *                              but what is fetched on demand, in files beside it: the languages other than English
 *                              (dist/pave-capture.fr.js, …) and the QR encoder (dist/pave-capture.qr.js).
 * - `vite build --mode esm`  → dist/esm/index.js: the ES module for bundlers; lit and lean-qr stay imports, and what
 *                              is fetched on demand is chunks of its own (dist/esm/strings/fr.js, …, dist/esm/qr.js).
 * Both use Lit's production build (the `lit` package's default export condition; the dev server alone
 * resolves its `development` build, with its warnings).
 *
 * The dev server (`npm start`, Playwright) serves demo/, proxies /signer and /sandbox to the local services,
 * and serves the script-tag build itself (see `demoPages`).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, defineConfig, type BuildEnvironmentOptions, type Plugin } from 'vite';
import { minifyTemplatesPlugin } from './scripts/minify-templates.ts';
import { ON_DEMAND_FILES, onDemandFilesPlugin } from './scripts/on-demand-files.ts';
import { terserPassPlugin } from './scripts/terser-pass.ts';

const root = import.meta.dirname;
const signerPort = Number(process.env.SIGNER_PORT ?? 8787);
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 8788);

const proxy = (port: number, prefix: string) => ({
  target: `http://127.0.0.1:${port}`,
  rewrite: (path: string) => path.slice(prefix.length) || '/',
});

/**
 * Lit's production build, whatever NODE_ENV says (the dev server sets it to `development`, which would
 * pull in Lit's dev build and its console warnings).
 */
const productionConditions = ['module', 'browser', 'production'];
const productionResolve = { conditions: productionConditions };

/** The library build of either flavour; also used in memory by the dev server for the script-tag page. */
function libraryBuild(esm: boolean): BuildEnvironmentOptions {
  return {
    outDir: resolve(root, esm ? 'widget/dist/esm' : 'widget/dist'),
    emptyOutDir: esm,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    lib: {
      entry: resolve(root, esm ? 'widget/index.ts' : 'widget/script-tag.ts'),
      formats: esm ? ['es'] : ['iife'],
      name: 'PaveCapture',
      fileName: () => (esm ? 'index.js' : 'pave-capture.js'),
    },
    rolldownOptions: esm
      ? // Vite leaves whitespace in library ES output; minify it too, so both builds measure alike.
        {
          external: [/^lit(\/|$)/, /^lean-qr(\/|$)/],
          output: { minify: true, chunkFileNames: (chunk) => (/[\\/]strings[\\/]/.test(chunk.facadeModuleId ?? '') ? 'strings/[name].js' : '[name].js') },
        }
      : // A second copy of the script tag runs nothing: the element is already defined, and Lit's module
        // code would otherwise run again (under Trusted Types its second `lit-html` policy is refused). Where there is
        // no document (a server rendering the page, a worker), it runs nothing either, and throws nothing.
        {
          // (`window.PaveCapture` is a plain object of the exports: no `Symbol.toStringTag` of "Module".)
          output: { postBanner: 'if(typeof document<"u"&&!globalThis.customElements?.get("pave-capture")){', postFooter: '}', generatedCode: { symbols: false } },
          plugins: [onDemandFilesPlugin(resolve(root, 'widget'), productionConditions), terserPassPlugin('pave-capture.js')],
        },
  };
}

/**
 * A strict Content-Security-Policy: no inline script or style, no eval, Trusted Types enforced (Lit's
 * `lit-html` policy is the only one allowed). The widget must work under it.
 */
export const STRICT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

/** The script-tag build's files: the script and what it fetches on demand. */
const SCRIPT_FILES = new Set(['pave-capture.js', ...ON_DEMAND_FILES].map((name) => `/${name}`));

/**
 * Demo pages that must not go through Vite's HTML transform (it injects its client script):
 * `/strict-csp.html` is sent as written with the strict CSP header, and `/pave-capture.js` (with its
 * on-demand files) is the script-tag build, compiled in memory on each request so it always matches the source.
 */
/** The script-tag build and the files it fetches beside it, in memory. */
async function buildScriptFiles() {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    mode: 'production',
    resolve: productionResolve,
    plugins: [minifyTemplatesPlugin()],
    build: { ...libraryBuild(false), write: false, sourcemap: false },
  });
  return (Array.isArray(output) ? output : [output]).flatMap((o) => ('output' in o ? o.output : []));
}

function demoPages(): Plugin {
  return {
    name: 'pave-demo-pages',
    apply: 'serve',
    configureServer(server) {
      // One in-memory build serves every script file until a source file changes: a build per request would cost
      // each on-demand file (fetched as the button is pressed) a whole build, which no dealer's static files do.
      let scriptBuild: ReturnType<typeof buildScriptFiles> | undefined;
      server.watcher.on('all', () => (scriptBuild = undefined));
      server.middlewares.use(async (req, res, nextMiddleware) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        try {
          if (path === '/strict-csp.html') {
            res.setHeader('Content-Security-Policy', STRICT_CSP);
            res.setHeader('Content-Type', 'text/html; charset=utf-8');
            res.end(readFileSync(resolve(root, 'demo/strict-csp.html')));
            return;
          }
          if (SCRIPT_FILES.has(path)) {
            scriptBuild ??= buildScriptFiles();
            const chunks = await scriptBuild.catch((error: unknown) => {
              scriptBuild = undefined;
              throw error;
            });
            const file = chunks.find((chunk) => `/${chunk.fileName}` === path);
            res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
            res.end(!file ? '' : 'code' in file ? file.code : file.source);
            return;
          }
        } catch (error) {
          nextMiddleware(error);
          return;
        }
        nextMiddleware();
      });
    },
  };
}

export default defineConfig(({ command, mode }) => ({
  root: resolve(root, 'demo'),
  ...(command === 'build' ? { resolve: productionResolve } : {}),
  publicDir: false,
  plugins: [demoPages(), minifyTemplatesPlugin()],
  server: {
    proxy: { '/signer': proxy(signerPort, '/signer'), '/sandbox': proxy(sandboxPort, '/sandbox') },
    fs: { allow: [root] },
  },
  build: libraryBuild(mode === 'esm'),
}));
