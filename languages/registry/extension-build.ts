import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { coreRoot } from './extension-loader.js';

/**
 * Building and testing an extension with the CORE's tools (langium-cli, tsc, vitest), so that an
 * extension needs no dependencies of its own: `deepforge-ts`, Langium, the LSP packages,
 * `vscode-uri` and Chevrotain map to the core's copies — in TypeScript through `paths` (written to
 * the extension's `tsconfig.deepforge.json`, which its own `tsconfig.json` may extend for the
 * editor's sake) and in vitest through aliases.
 */

/** The packages an extension shares with the core (the resolve hooks map the same at run time). */
export const SHARED_PACKAGES = [
    'langium', 'chevrotain', 'vscode-uri', 'vscode-jsonrpc', 'vscode-languageserver', 'vscode-languageserver-protocol',
    'vscode-languageserver-types', 'vscode-languageserver-textdocument'
] as const;

/** Where the build's output goes. */
export interface BuildOutput {
    readonly out: (line: string) => void;
    readonly err: (line: string) => void;
}

/** A build or test step that failed; its output was already passed on. */
export class ExtensionBuildError extends Error {}

/** Runs a tool on the core's Node, passing its output on line by line; resolves with its exit code. */
export function runTool(args: readonly string[], cwd: string, output: BuildOutput): Promise<number> {
    return new Promise(resolve => {
        const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
        const lines = (write: (line: string) => void) => {
            let rest = '';
            return {
                data: (chunk: Buffer) => {
                    const text = rest + chunk.toString('utf-8');
                    const parts = text.split('\n');
                    rest = parts.pop() ?? '';
                    for (const part of parts) write(part);
                },
                end: () => { if (rest) write(rest); }
            };
        };
        const out = lines(output.out);
        const err = lines(output.err);
        child.stdout.on('data', out.data);
        child.stderr.on('data', err.data);
        child.on('error', error => { output.err(`could not start ${args[0]}: ${error.message}`); resolve(127); });
        child.on('close', code => { out.end(); err.end(); resolve(code ?? 1); });
    });
}

/** A tool of the core, by package and bin path; a clear error when the core was installed without it. */
function coreTool(pkg: string, bin: string): string {
    const file = path.join(coreRoot(), 'node_modules', pkg, bin);
    if (!existsSync(file)) throw new ExtensionBuildError(`${pkg} is not installed in ${coreRoot()} (run \`npm install\` there; building extensions needs the core's development tools)`);
    return file;
}

interface PackageExports { [subpath: string]: unknown }

/** The subpaths a shared package exports (`.`, `./lsp`, …) with the file a condition picks. */
function exportedEntries(pkg: string, conditions: readonly string[]): Array<{ specifier: string; file: string }> {
    const folder = path.join(coreRoot(), 'node_modules', pkg);
    const manifestFile = path.join(folder, 'package.json');
    if (!existsSync(manifestFile)) return [];
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf-8')) as { exports?: PackageExports | string; types?: string; typings?: string; main?: string; module?: string };
    const pick = (target: unknown): string | undefined => {
        if (typeof target === 'string') return target;
        if (typeof target !== 'object' || target === null) return undefined;
        for (const condition of conditions) {
            const value = (target as Record<string, unknown>)[condition];
            const picked = value === undefined ? undefined : pick(value);
            if (picked) return picked;
        }
        return undefined;
    };
    const entries: Array<{ specifier: string; file: string }> = [];
    let exports = manifest.exports;
    if (exports !== undefined && (typeof exports === 'string' || !Object.keys(exports).some(key => key.startsWith('.')))) exports = { '.': exports };
    if (exports) {
        for (const [subpath, target] of Object.entries(exports)) {
            if (subpath.includes('*')) continue;
            const file = pick(target);
            if (file) entries.push({ specifier: subpath === '.' ? pkg : `${pkg}/${subpath.slice(2)}`, file: path.join(folder, file) });
        }
    }
    // Packages whose exports give no types (vscode-languageserver-types): the package's own `types`.
    if (!entries.some(entry => entry.specifier === pkg)) {
        const fallback = conditions.includes('types') ? manifest.types ?? manifest.typings : manifest.module ?? manifest.main;
        if (fallback) entries.push({ specifier: pkg, file: path.join(folder, fallback.endsWith('.ts') || fallback.endsWith('.js') || fallback.endsWith('.mjs') ? fallback : `${fallback}${conditions.includes('types') ? '.d.ts' : '.js'}`) });
    }
    return entries.filter(entry => existsSync(entry.file));
}

/** The TypeScript `paths` that point an extension's imports at the core's declarations. */
export function sharedTypePaths(): Record<string, string[]> {
    const root = coreRoot();
    const paths: Record<string, string[]> = { 'deepforge-ts': [path.join(root, 'out', 'languages', 'registry', 'extension-api.d.ts')] };
    for (const pkg of SHARED_PACKAGES) {
        for (const entry of exportedEntries(pkg, ['types'])) paths[entry.specifier] = [entry.file];
    }
    return paths;
}

/** The vitest aliases that point an extension's imports at the core's modules. */
export function sharedModuleAliases(): Array<{ find: RegExp; replacement: string }> {
    const root = coreRoot();
    const exact = (specifier: string) => new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}$`);
    const aliases = [{ find: exact('deepforge-ts'), replacement: path.join(root, 'out', 'languages', 'registry', 'extension-api.js') }];
    for (const pkg of SHARED_PACKAGES) {
        for (const entry of exportedEntries(pkg, ['node', 'import', 'default'])) aliases.push({ find: exact(entry.specifier), replacement: entry.file });
    }
    return aliases;
}

function checkCoreBuilt(): void {
    const api = path.join(coreRoot(), 'out', 'languages', 'registry', 'extension-api.d.ts');
    if (!existsSync(api)) throw new ExtensionBuildError(`the DeepForge core is not built (${api} is missing): run \`npm run build\` in ${coreRoot()}`);
}

/** The generated `tsconfig.deepforge.json` of an extension: compile `src/` to `out/` against the core's types. */
export function writeExtensionTsconfig(folder: string): string {
    const typeRoots = path.join(coreRoot(), 'node_modules', '@types');
    const config = {
        '//': 'Written by `deepforge extensions build`: maps deepforge-ts, langium, … to the DeepForge core at ' + coreRoot() + '. Do not edit; extend it from tsconfig.json.',
        compilerOptions: {
            target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023'],
            strict: true, declaration: true, sourceMap: true, skipLibCheck: true, esModuleInterop: true, resolveJsonModule: true,
            rootDir: './src', outDir: './out',
            typeRoots: [typeRoots], types: existsSync(path.join(typeRoots, 'node')) ? ['node'] : [],
            paths: sharedTypePaths()
        },
        include: ['./src/**/*.ts']
    };
    const file = path.join(folder, 'tsconfig.deepforge.json');
    writeFileSync(file, JSON.stringify(config, null, 2) + '\n');
    return file;
}

/**
 * `deepforge extensions build <folder>`: the Langium generator (when the folder has
 * `langium-config.json`), then TypeScript (`src/` → `out/`). Throws {@link ExtensionBuildError}
 * when a step fails (its output was passed on).
 */
export async function buildExtension(folder: string, output: BuildOutput): Promise<void> {
    const root = path.resolve(folder);
    if (!existsSync(path.join(root, 'package.json'))) throw new ExtensionBuildError(`${folder}: no package.json — not an extension folder`);
    checkCoreBuilt();
    if (existsSync(path.join(root, 'langium-config.json'))) {
        const code = await runTool([coreTool('langium-cli', 'bin/langium.js'), 'generate', '--file', 'langium-config.json'], root, output);
        if (code !== 0) throw new ExtensionBuildError(`${folder}: the Langium generator failed (exit code ${code})`);
    }
    if (!existsSync(path.join(root, 'src'))) return;
    const generated = writeExtensionTsconfig(root);
    const project = existsSync(path.join(root, 'tsconfig.json')) ? path.join(root, 'tsconfig.json') : generated;
    const code = await runTool([coreTool('typescript', 'bin/tsc'), '-p', project, '--pretty', 'false'], root, output);
    if (code !== 0) throw new ExtensionBuildError(`${folder}: TypeScript failed (exit code ${code})`);
}

/**
 * `deepforge extensions test <folder>`: the core's vitest on the extension's `test/**\/*.test.ts`,
 * with the imports aliased to the core. Resolves with vitest's exit code.
 */
export async function testExtension(folder: string, output: BuildOutput, extraArgs: readonly string[] = []): Promise<number> {
    const root = path.resolve(folder);
    if (!existsSync(path.join(root, 'package.json'))) throw new ExtensionBuildError(`${folder}: no package.json — not an extension folder`);
    checkCoreBuilt();
    const vitest = coreTool('vitest', 'vitest.mjs');
    const temporary = mkdtempSync(path.join(tmpdir(), 'deepforge-extension-test-'));
    try {
        const aliases = [
            ...sharedModuleAliases(),
            // The test files' own `import … from 'vitest'`: the core's vitest, which runs them.
            { find: /^vitest$/, replacement: path.join(path.dirname(vitest), 'dist', 'index.js') }
        ];
        const config = `// Written by deepforge extensions test.
export default {
    root: ${JSON.stringify(root)},
    cacheDir: ${JSON.stringify(path.join(temporary, 'cache'))},
    resolve: { alias: [${aliases.map(alias => `{ find: ${alias.find.toString()}, replacement: ${JSON.stringify(alias.replacement)} }`).join(', ')}] },
    server: { fs: { allow: [${JSON.stringify(root)}, ${JSON.stringify(coreRoot())}] } },
    test: { include: ['test/**/*.test.ts'], testTimeout: 60000, root: ${JSON.stringify(root)} }
};
`;
        const configFile = path.join(temporary, 'vitest.config.mjs');
        writeFileSync(configFile, config);
        return await runTool([vitest, 'run', '--config', configFile, '--root', root, ...extraArgs], root, output);
    } finally {
        rmSync(temporary, { recursive: true, force: true });
    }
}
