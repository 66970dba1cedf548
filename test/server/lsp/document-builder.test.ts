import { DocumentState, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, test } from 'vitest';
import { FIRST_PASS } from '../../../server/lsp/deepforge-document-builder.js';
import { buildLspProject, lspServices } from '../../languages/dfnn/lsp/helpers.js';
import { fileSystem } from '../../languages/dfp/helpers.js';

const messages = (document: { diagnostics?: { message: string }[] }) => (document.diagnostics ?? []).map(d => d.message);

describe('the language server\'s document builder', () => {
    test('two passes: syntax and linking errors first, the model checks (shapes) right after', async () => {
        const { documents } = await buildLspProject({ 'a.dfnn': 'network N {\n    x = Input(shape=(8,))\n    y = Dense(2)(x)\n}\n' });
        const document = documents['a.dfnn'];
        const { shared } = lspServices();
        const builder = shared.workspace.DocumentBuilder;
        const phases: string[][] = [];
        const listener = builder.onDocumentPhase(6 /* Validated */, doc => {
            if (doc.uri.toString() === document.uri.toString()) phases.push(messages(doc));
        });
        try {
            const text = 'network N {\n    x = Input(shape=(8,))\n    y = Conv2D(2, 3)(x)\n    z = Dense(2)(q)\n}\n';
            shared.workspace.TextDocuments.set(TextDocument.create(document.uri.toString(), 'dfnn', 2, text));
            await builder.update([document.uri], []);
        } finally {
            listener.dispose();
            shared.workspace.TextDocuments.delete(document.uri.toString());
        }
        expect(phases).toHaveLength(2);
        expect(phases[0]).toEqual(['undefined name `q` in network `N`']);
        expect(phases[1]).toEqual(expect.arrayContaining([
            'undefined name `q` in network `N`',
            'Conv2D `y`: expects rank-4 input `(batch, h, w, c)`, got `(None, 8)`'
        ]));
        expect(FIRST_PASS).toEqual({ validation: { categories: ['built-in'] } });
    });

    test('a changed Python file re-validates the pipelines whose operations use it; an open buffer counts', async () => {
        const { folder, documents } = await buildLspProject({
            'op.py': 'class Op:\n    def execute(self, x):\n        return x\n',
            'main.dfp': 'operation Op {\n    inputs x\n    outputs y\n    code "op.py"\n}\n'
        });
        const main = documents['main.dfp'];
        expect(messages(main)).toEqual([]);
        const { shared } = lspServices();
        const code = URI.parse(`${folder}/op.py`);
        fileSystem.files.set(code.toString(), 'class Op:\n    def execute(self, z):\n        return z\n');
        await shared.workspace.DocumentBuilder.update([code], []);
        expect(messages(main).join('\n')).toContain('`Op.execute` in `op.py` has no parameter `x`');
        // The buffer of the open file wins over the file on disk.
        shared.workspace.TextDocuments.set(TextDocument.create(code.toString(), 'python', 1, 'class Op:\n    def execute(self, x):\n        return x\n'));
        try {
            await shared.workspace.DocumentBuilder.update([code], []);
            expect(messages(main)).toEqual([]);
            expect(shared.workspace.LangiumDocuments.hasDocument(code)).toBe(false);
        } finally {
            shared.workspace.TextDocuments.delete(code.toString());
        }
    });

    test('an import of a file that appears later resolves when it does', async () => {
        const { folder, documents } = await buildLspProject({ 'main.dfnn': 'import "later.dfnn"\nnetwork N {\n    x = Input(shape=(8,))\n}\n' });
        const main = documents['main.dfnn'];
        expect(messages(main).join('\n')).toContain('cannot find `later.dfnn`');
        const { shared } = lspServices();
        const later = URI.parse(`${folder}/later.dfnn`);
        shared.workspace.TextDocuments.set(TextDocument.create(later.toString(), 'dfnn', 1, 'network L {\n    x = Input(shape=(8,))\n}\n'));
        try {
            await shared.workspace.DocumentBuilder.update([later], []);
            expect(messages(main)).toEqual([]);
        } finally {
            shared.workspace.TextDocuments.delete(later.toString());
        }
    });

    test('the references are indexed after the first pass publishes, before the second; requests needing the index wait for it', async () => {
        const { documents } = await buildLspProject({ 'r.dfnn': 'network N {\n    x = Input(shape=(8,))\n    y = Dense(2)(x)\n}\n' });
        const document = documents['r.dfnn'];
        const { shared } = lspServices();
        const builder = shared.workspace.DocumentBuilder;
        const index = shared.workspace.IndexManager;
        const referencesToX = () => index.findAllReferences(document.parseResult.value.$document!.parseResult.value, '/elements@0/statements@0')
            .filter(reference => reference.sourceUri.toString() === document.uri.toString()).toArray().length;
        expect(referencesToX()).toBe(1);
        const atFirstPass: Array<{ references: number; indexedWhenRequestRuns?: number }> = [];
        const waits: Array<Promise<void>> = [];
        const listener = builder.onDocumentPhase(DocumentState.Validated, doc => {
            if (doc.uri.toString() !== document.uri.toString() || atFirstPass.length > 0) return;
            const seen: { references: number; indexedWhenRequestRuns?: number } = { references: referencesToX() };
            atFirstPass.push(seen);
            // What a find-references request does: wait for the workspace's reference index.
            waits.push(builder.waitUntil(DocumentState.IndexedReferences).then(() => { seen.indexedWhenRequestRuns = referencesToX(); }));
        });
        try {
            shared.workspace.TextDocuments.set(TextDocument.create(document.uri.toString(), 'dfnn', 2, 'network N {\n    x = Input(shape=(8,))\n    y = Dense(2)(x)\n    z = Dense(3)(x)\n}\n'));
            await builder.update([document.uri], []);
            await Promise.all(waits);
        } finally {
            listener.dispose();
            shared.workspace.TextDocuments.delete(document.uri.toString());
        }
        // At the first pass's publication the new references are not indexed yet…
        expect(atFirstPass[0].references).toBe(0);
        // …and a request for them waits until they are: both uses of `x`.
        expect(atFirstPass[0].indexedWhenRequestRuns).toBe(2);
        expect(referencesToX()).toBe(2);
        expect(builder.currentState).toBe(DocumentState.Validated);
    });
});

