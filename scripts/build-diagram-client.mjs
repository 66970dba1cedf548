// Builds the diagram page (diagram/client) into out/diagram/client: diagram.js (esbuild bundle:
// Sprotty, inversify, the views and edit tools), diagram.css (page + diagram styles), index.html.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'out', 'diagram', 'client');
mkdirSync(out, { recursive: true });
await build({
    entryPoints: [join(root, 'diagram', 'client', 'index.ts')],
    bundle: true,
    outfile: join(out, 'diagram.js'),
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    minify: true,
    logLevel: 'warning',
    tsconfig: join(root, 'diagram', 'client', 'tsconfig.json')
});
const { DIAGRAM_SVG_CSS } = await import(pathToFileURL(join(root, 'out', 'diagram', 'model', 'diagram-style.js')).href);
writeFileSync(join(out, 'diagram.css'), readFileSync(join(root, 'diagram', 'client', 'page.css'), 'utf8') + DIAGRAM_SVG_CSS);
copyFileSync(join(root, 'diagram', 'client', 'index.html'), join(out, 'index.html'));
