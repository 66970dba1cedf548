import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NodeFileSystem } from 'langium/node';
import { expectCompletion } from 'langium/test';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CompletionItem, SignatureHelp } from 'vscode-languageserver';
import { createDeepForgeLspServices, type DeepForgeLspServices } from '../../../../server/lsp/deepforge-lsp-module.js';
import { atText, buildLspProject, lspServices } from '../../dfnn/lsp/helpers.js';

const labels = (items: CompletionItem[]) => items.map(item => item.label);

describe('.dfp completion of `code "…"` and `environment "…"` paths (files on disk, relative to the file)', () => {
    let folder: string;
    let services: DeepForgeLspServices;
    beforeAll(() => {
        folder = mkdtempSync(join(tmpdir(), 'deepforge-dfp-paths-'));
        for (const [path, text] of Object.entries({
            'train.py': 'class Train:\n    pass\n', 'operations/load.py': '', 'operations/deep/er/evaluate.py': '', 'notes.md': '',
            'environments/keras.yml': '', 'requirements.txt': '', '.hidden/secret.py': '', 'node_modules/pkg/x.py': '', '__pycache__/train.py': ''
        })) {
            mkdirSync(join(folder, path, '..'), { recursive: true });
            writeFileSync(join(folder, path), text);
        }
        services = createDeepForgeLspServices({ ...NodeFileSystem });
    });
    afterAll(() => rmSync(folder, { recursive: true, force: true }));
    // A file per case: the helper leaves its document in the workspace.
    let files = 0;
    const documentUri = () => pathToFileURL(join(folder, `ops${++files}.dfp`)).toString();

    test('in `code "…"`: the Python files in this folder and below, nearest first, replacing the string\'s content', async () => {
        await expectCompletion(services.dfp)({
            text: 'operation Train {\n    code "tr<|>ain.py"\n}\n',
            index: 0,
            parseOptions: { documentUri: documentUri() },
            assert: ({ items }) => {
                expect(labels(items)).toEqual(['train.py', 'operations/load.py', 'operations/deep/er/evaluate.py']);
                // The whole string's content is replaced, whatever the cursor had typed.
                expect(items[0].textEdit).toMatchObject({ newText: 'train.py', range: { start: { line: 1, character: 10 }, end: { line: 1, character: 18 } } });
            }
        });
    });

    test('in `environment "…"`: dependency files; nothing from hidden or skipped folders, nothing outside the folder', async () => {
        await expectCompletion(services.dfp)({
            text: 'operation Train {\n    environment "<|>"\n}\n',
            index: 0,
            parseOptions: { documentUri: documentUri() },
            assert: ({ items }) => {
                expect(labels(items).sort()).toEqual(['environments/keras.yml', 'requirements.txt']);
            }
        });
        await expectCompletion(services.dfp)({
            text: 'operation Train {\n    code "<|>"\n}\n',
            index: 0,
            parseOptions: { documentUri: documentUri() },
            assert: ({ items }) => {
                expect(labels(items).some(label => label.includes('secret') || label.includes('node_modules') || label.includes('__pycache__') || label.startsWith('..'))).toBe(false);
            }
        });
    });

    test('only in the string of a `code` or `environment` section', async () => {
        await expectCompletion(services.dfp)({
            text: 'operation Train "A doc <|>string" {\n    code "train.py"\n}\n',
            index: 0,
            parseOptions: { documentUri: documentUri() },
            assert: ({ items }) => expect(labels(items)).not.toContain('train.py')
        });
    });
});

const OPS = `operation Load {
    outputs images, labels
}

operation Train "Trains a network." {
    attributes { epochs: int = 20, optimizer: "adam" | "sgd" = "adam" }
    references { architecture: network }
    inputs images, labels: ndarray
    outputs model
}

pipeline P {
    data = Load()
    trained = Train(epochs=3, optimizer="sgd")(images=data.images, labels=data.labels)
}
`;

describe('.dfp signature help in a step\'s call', () => {
    async function help(text: string, marker: string, delta: number): Promise<SignatureHelp | undefined> {
        const { documents } = await buildLspProject({ 'ops.dfp': text });
        const document = documents['ops.dfp'];
        return lspServices().dfp.lsp.SignatureHelp!.provideSignatureHelp(document, atText(document, marker, delta)) as SignatureHelp | undefined;
    }

    test('in the arguments: the attributes with their defaults and the references; the argument being written by keyword or position', async () => {
        const byKeyword = await help(OPS, 'optimizer="sgd"', 'optimizer="'.length);
        expect(byKeyword?.signatures[0].label).toBe('Train(epochs=20, optimizer="adam", architecture: network)');
        expect(byKeyword?.signatures[0].documentation).toEqual({ kind: 'markdown', value: 'Trains a network.' });
        expect(byKeyword?.activeParameter).toBe(1);
        const byPosition = await help(OPS.replace('Train(epochs=3, optimizer="sgd")', 'Train(3, )'), 'Train(3, ', 9);
        expect(byPosition?.activeParameter).toBe(1);
        const first = await help(OPS.replace('Train(epochs=3, optimizer="sgd")', 'Train()'), 'Train(', 6);
        expect(first?.activeParameter).toBe(0);
        expect(first?.signatures[0].parameters?.[2]).toMatchObject({ label: 'architecture: network', documentation: 'network — required' });
    });

    test('in the inputs: the input ports and the outputs; while the call is being typed', async () => {
        const inputs = await help(OPS, 'labels=data', 8);
        expect(inputs?.signatures[0].label).toBe('Train(…)(images, labels: ndarray) → model');
        expect(inputs?.activeParameter).toBe(1);
        const typing = await help(OPS.replace('(images=data.images, labels=data.labels)\n', '(data.images, \n'), '(data.images, ', 14);
        expect(typing?.activeParameter).toBe(1);
    });

    test('nothing outside a step\'s call or for an unknown operation', async () => {
        expect(await help(OPS, 'pipeline P', 3)).toBeUndefined();
        expect(await help(OPS.replace('data = Load()', 'data = Nope(1, )'), 'Nope(1, ', 8)).toBeUndefined();
    });
});
