import { expectFormatting } from 'langium/test';
import { describe, expect, test } from 'vitest';
import type { CodeAction } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { atText, buildLspProject, lspServices } from '../../dfnn/lsp/helpers.js';

/** `resources { … }` in the editor: key completion, hover, canonical layout. */

async function document(text: string) {
    return (await buildLspProject({ 'ops.dfp': text })).documents['ops.dfp'];
}

describe('.dfp resources in the editor', () => {
    test('completion offers the keys not given yet, with the sbatch option each becomes', async () => {
        const text = 'operation Fit {\n    resources { cpus: 2,  }\n}\n';
        const doc = await document(text);
        const items = (await lspServices().dfp.lsp.CompletionProvider!.getCompletion(doc, atText(doc, 'cpus: 2, ', 9)))?.items ?? [];
        const keys = items.filter(i => i.detail?.includes('sbatch'));
        expect(keys.map(i => i.label)).toEqual(['gpus', 'memory', 'time', 'partition', 'account']);
        expect(keys.find(i => i.label === 'memory')).toMatchObject({ insertText: 'memory: ', detail: 'string → sbatch --mem' });
    });

    test('completion right after the brace offers every key', async () => {
        const doc = await document('operation Fit {\n    resources {  }\n}\n');
        const items = (await lspServices().dfp.lsp.CompletionProvider!.getCompletion(doc, atText(doc, 'resources { ', 12)))?.items ?? [];
        expect(items.filter(i => i.detail?.includes('sbatch')).map(i => i.label)).toEqual(['cpus', 'gpus', 'memory', 'time', 'partition', 'account']);
    });

    test('hover on a key says what it asks for', async () => {
        const doc = await document('operation Fit {\n    resources { gpus: 1 }\n}\n');
        const hover = await lspServices().dfp.lsp.HoverProvider!.getHoverContent(doc, atText(doc, 'gpus', 1));
        expect((hover?.contents as { value: string }).value)
            .toBe('`gpus`: GPUs of the step (int; Slurm `sbatch --gpus`, overriding config `slurm.gpus`; the local compute ignores it)');
    });

    test('hover on the operation lists its resources', async () => {
        const doc = await document('operation Fit {\n    resources { cpus: 2, time: "30" }\n}\n');
        const hover = await lspServices().dfp.lsp.HoverProvider!.getHoverContent(doc, atText(doc, 'Fit', 1));
        expect((hover?.contents as { value: string }).value).toContain('Resources: `cpus: 2, time: "30"`');
    });

    test('formatting: one line or one entry per line (as written), idempotent', async () => {
        const before = 'operation Fit {\n  resources {cpus:4 ,gpus : 1,memory:"16G"}\n    code "fit.py"\n}\n';
        const after = 'operation Fit {\n    resources { cpus: 4, gpus: 1, memory: "16G" }\n    code "fit.py"\n}\n';
        await expectFormatting(lspServices().dfp)({ before, after });
        await expectFormatting(lspServices().dfp)({ before: after, after });
        const multiline = 'operation Fit {\n    resources {\n        cpus: 4\n        time: "2:00:00"\n    }\n}\n';
        await expectFormatting(lspServices().dfp)({ before: multiline, after: multiline });
    });

    test('updating the declaration from the code keeps the resources section', async () => {
        const text = 'operation Fit {\n    resources { cpus: 2, memory: "1G" }\n    inputs x\n    outputs y\n    code "fit.py"\n}\n';
        const code = 'class Fit:\n    def execute(self, x, y):\n        return x\n';
        const doc = (await buildLspProject({ 'ops.dfp': text, 'fit.py': code })).documents['ops.dfp'];
        const diagnostic = (doc.diagnostics ?? []).find(d => d.code === 'code-mismatch');
        expect(diagnostic, JSON.stringify(doc.diagnostics)).toBeDefined();
        const actions = await lspServices().dfp.lsp.CodeActionProvider!.getCodeActions(doc, {
            textDocument: { uri: doc.uri.toString() }, range: diagnostic!.range, context: { diagnostics: [diagnostic!] }
        }) as CodeAction[];
        const fromCode = actions.find(a => a.title === 'Update the declaration of Fit from fit.py')!;
        const updated = TextDocument.applyEdits(doc.textDocument, fromCode.edit!.changes![doc.uri.toString()]);
        expect(updated).toBe('operation Fit {\n    inputs x, y\n    outputs x\n    code "fit.py"\n    resources { cpus: 2, memory: "1G" }\n}\n');
    });
});
