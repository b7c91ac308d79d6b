#!/usr/bin/env node
// From a checkout (src/ present): runs the TypeScript CLI through tsx. From a build without the
// sources (the Docker image, a copied dist/): runs the bundle, plain JavaScript, no tsx needed.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(new URL('../dist/cli.js', import.meta.url).href);
}
