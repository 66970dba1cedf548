/**
 * Where the two WebAssembly files of the Python reader lie: web-tree-sitter's runtime and
 * tree-sitter-python's grammar, both from node_modules. Resolved through Node's module
 * resolution relative to this file, so it works from the compiled `out/` tree, from the
 * TypeScript sources under vitest, and from any directory the process was started in.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface PythonWasmFiles {
    /** `web-tree-sitter.wasm`, the tree-sitter runtime. */
    readonly runtime: string;
    /** `tree-sitter-python.wasm`, the Python grammar. */
    readonly python: string;
}

export function locatePythonWasmFiles(): PythonWasmFiles {
    return {
        runtime: resolveOrExplain('web-tree-sitter/web-tree-sitter.wasm'),
        python: resolveOrExplain('tree-sitter-python/tree-sitter-python.wasm')
    };
}

function resolveOrExplain(specifier: string): string {
    try {
        return require.resolve(specifier);
    } catch (error) {
        const packageName = specifier.split('/')[0];
        throw new Error(`Cannot find ${specifier}: the Python reader needs the npm package ${packageName} (run \`npm install\`). ${(error as Error).message}`);
    }
}
