import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * The built-in languages register through the registry like any other: their Langium modules,
 * validation checks and editor features are named only where they are defined and in their
 * language definition files, and only the registry's service creation makes and registers
 * containers. A second path (a consumer injecting the `.dfnn` module itself, a hard-coded list
 * of extensions) would serve the built-ins differently from an extension's language.
 */
const root = path.resolve(__dirname, '../../..');
/** The core's sources: everything `tsc -b` compiles. */
const CORE = ['languages', 'cli', 'server', 'diagram', 'generators', 'metamodel', 'bench'];

function sources(folder: string): string[] {
    const found: string[] = [];
    for (const entry of readdirSync(path.join(root, folder), { withFileTypes: true })) {
        const relative = `${folder}/${entry.name}`;
        if (entry.isDirectory()) {
            if (entry.name !== 'node_modules' && entry.name !== 'client') found.push(...sources(relative));
        } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
            found.push(relative);
        }
    }
    return found;
}

/** The text without comments (a mention in a comment is no path). */
function code(file: string): string {
    return readFileSync(path.join(root, file), 'utf-8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const files = CORE.flatMap(sources).map(file => ({ file, text: code(file) }));

/** Where each name may be used: where it is defined, and the language definition file or the registry. */
const ALLOWED: Record<string, readonly string[]> = {
    DfnnGeneratedModule: ['languages/generated/module.ts', 'languages/dfnn/dfnn-language.ts'],
    DfpGeneratedModule: ['languages/generated/module.ts', 'languages/dfp/dfp-language.ts'],
    createDfnnModule: ['languages/dfnn/dfnn-module.ts', 'languages/dfnn/dfnn-language.ts'],
    createDfpModule: ['languages/dfp/dfp-module.ts', 'languages/dfp/dfp-language.ts'],
    registerDfnnValidationChecks: ['languages/dfnn/validation/dfnn-validator.ts', 'languages/dfnn/dfnn-language.ts'],
    registerDfpValidationChecks: ['languages/dfp/validation/dfp-validator.ts', 'languages/dfp/dfp-language.ts'],
    DfnnLspModule: ['languages/dfnn/lsp/dfnn-lsp-module.ts', 'languages/dfnn/dfnn-language.ts'],
    DfpLspModule: ['languages/dfp/lsp/dfp-lsp-module.ts', 'languages/dfp/dfp-language.ts'],
    'ServiceRegistry.register(': ['languages/deepforge-module.ts'],
    'createDefaultModule(': ['languages/deepforge-module.ts'],
    'createDefaultSharedModule(': ['languages/deepforge-module.ts']
};

function users(name: string): string[] {
    const pattern = /^\w+$/.test(name) ? new RegExp(`\\b${name}\\b`) : new RegExp(name.replace(/[.()]/g, '\\$&'));
    return files.filter(({ text }) => pattern.test(text)).map(({ file }) => file).sort();
}

describe('one registration point', () => {
    test('the scan sees the core: the registry, the language definitions, the CLI, the servers', () => {
        const scanned = files.map(f => f.file);
        for (const file of ['languages/deepforge-module.ts', 'languages/dfnn/dfnn-language.ts', 'languages/dfp/dfp-language.ts', 'languages/workspace/node-workspace.ts',
            'cli/commands/check.ts', 'server/lsp/deepforge-lsp-module.ts', 'server/diagram/diagram-sources.ts']) {
            expect(scanned).toContain(file);
        }
    });

    for (const [name, allowed] of Object.entries(ALLOWED)) {
        test(`${name} is used only by ${allowed.join(' and ')}`, () => {
            expect(users(name)).toEqual([...allowed].sort());
        });
    }

    test('no core file outside the built-in languages lists their file extensions: the registry says which exist', () => {
        const listing = files
            .filter(({ file }) => !/^languages\/(dfnn|dfp|generated)\//.test(file))
            .filter(({ text }) => /['"`]\.(dfnn|dfp)['"`]/.test(text))
            .map(({ file }) => file);
        expect(listing).toEqual([]);
    });
});
