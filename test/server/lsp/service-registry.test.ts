import { URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, test } from 'vitest';
import { buildLspProject, lspServices } from '../../languages/dfnn/lsp/helpers.js';

const messages = (document: { diagnostics?: { message: string }[] }) => (document.diagnostics ?? []).map(d => d.message);

describe('the language server\'s service registry', () => {
    test('a file\'s extension decides its language, whatever languageId the client sends (eglot 1.9 sends one per server)', async () => {
        const { folder, documents } = await buildLspProject({
            'net.dfnn': 'network N {\n    x = Input(shape=(8,))\n    y = Dense(2)(x)\n}\n',
            'main.dfp': 'import "net.dfnn"\noperation Op {\n    references { architecture: network }\n    outputs y\n}\npipeline P {\n    Op(architecture=N)\n}\n'
        });
        const { shared, dfnn, dfp } = lspServices();
        const main = URI.parse(`${folder}/main.dfp`);
        const text = documents['main.dfp'].textDocument.getText();
        shared.workspace.TextDocuments.set(TextDocument.create(main.toString(), 'dfnn', 2, text));
        try {
            expect(shared.ServiceRegistry.getServices(main)).toBe(dfp);
            await shared.workspace.DocumentBuilder.update([main], []);
            expect(messages(shared.workspace.LangiumDocuments.getDocument(main)!)).toEqual([]);
        } finally {
            shared.workspace.TextDocuments.delete(main.toString());
        }
        // Other URIs (an untitled buffer) still go by the languageId.
        const untitled = URI.parse('untitled:Untitled-1');
        shared.workspace.TextDocuments.set(TextDocument.create(untitled.toString(), 'dfnn', 1, 'network U {\n}\n'));
        try {
            expect(shared.ServiceRegistry.getServices(untitled)).toBe(dfnn);
        } finally {
            shared.workspace.TextDocuments.delete(untitled.toString());
        }
    });
});
