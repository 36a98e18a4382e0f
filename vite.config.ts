/**
 * One config for the demo's dev server and the widget's two builds:
 * - `vite build`             → dist/pave-capture.js: one self-registering IIFE for a <script> tag, everything inlined.
 * - `vite build --mode esm`  → dist/esm/index.js: the ES module for bundlers; lit, zod and lean-qr stay imports.
 * The dev server (`npm start`, Playwright) serves demo/ and proxies /signer and /sandbox to the local services.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;
const signerPort = Number(process.env.SIGNER_PORT ?? 8787);
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 8788);

const proxy = (port: number, prefix: string) => ({
  target: `http://127.0.0.1:${port}`,
  rewrite: (path: string) => path.slice(prefix.length) || '/',
});

export default defineConfig(({ mode }) => {
  const esm = mode === 'esm';
  return {
    root: resolve(root, 'demo'),
    publicDir: false,
    server: {
      proxy: { '/signer': proxy(signerPort, '/signer'), '/sandbox': proxy(sandboxPort, '/sandbox') },
      fs: { allow: [root] },
    },
    build: {
      outDir: resolve(root, esm ? 'dist/esm' : 'dist'),
      emptyOutDir: esm,
      target: 'es2022',
      minify: true,
      sourcemap: true,
      lib: {
        entry: resolve(root, 'widget/index.ts'),
        formats: esm ? ['es'] : ['iife'],
        name: 'PaveCapture',
        fileName: () => (esm ? 'index.js' : 'pave-capture.js'),
      },
      rolldownOptions: esm ? { external: [/^lit(\/|$)/, /^zod(\/|$)/, /^lean-qr(\/|$)/] } : {},
    },
  };
});
