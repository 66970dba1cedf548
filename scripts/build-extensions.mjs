// Builds the example extensions (examples/extensions/*) with the same function as
// `deepforge extensions build <folder>`: the Langium generator when the folder has
// langium-config.json, then TypeScript against the core's types. Data-only extensions (no
// langium-config.json, no src/) need nothing. Part of `npm run build`, after the core's tsc.
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { buildExtension } = await import(pathToFileURL(path.join(root, 'out', 'languages', 'registry', 'extension-build.js')).href);
const folder = path.join(root, 'examples', 'extensions');
const extensions = existsSync(folder) ? readdirSync(folder, { withFileTypes: true }).filter(entry => entry.isDirectory()).map(entry => path.join(folder, entry.name)) : [];
let failed = 0;
for (const extension of extensions) {
    const name = path.relative(root, extension);
    if (!existsSync(path.join(extension, 'package.json'))) continue;
    if (!existsSync(path.join(extension, 'langium-config.json')) && !existsSync(path.join(extension, 'src'))) {
        console.log(`${name}: data-only, nothing to build`);
        continue;
    }
    try {
        await buildExtension(extension, { out: line => console.log(`${name}: ${line}`), err: line => console.error(`${name}: ${line}`) });
        console.log(`${name}: built`);
    } catch (error) {
        console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        failed++;
    }
}
process.exitCode = failed > 0 ? 1 : 0;
