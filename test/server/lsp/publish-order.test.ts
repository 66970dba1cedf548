import { DocumentState, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, test } from 'vitest';
import { buildLspProject, lspServices } from '../../languages/dfnn/lsp/helpers.js';

describe('the language server\'s two passes', () => {
    test('the event loop turns between the passes, so the first pass\'s diagnostics are written before the model checks run', async () => {
        // The connection writes a notification in a `setImmediate`: one scheduled when the first pass
        // publishes must run before the second pass publishes (else both reach the client together).
        const { documents } = await buildLspProject({ 'a.dfnn': 'network N {\n    x = Input(shape=(8,))\n    y = Dense(2)(x)\n}\n' });
        const uri = documents['a.dfnn'].uri;
        const { shared } = lspServices();
        const events: string[] = [];
        let passes = 0;
        const listener = shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, document => {
            if (document.uri.toString() !== uri.toString()) return;
            const pass = ++passes;
            events.push(`validated ${pass}`);
            setImmediate(() => events.push(`written ${pass}`));
        });
        try {
            shared.workspace.TextDocuments.set(TextDocument.create(uri.toString(), 'dfnn', 2, 'network N {\n    x = Input(shape=(8,))\n    y = Dense(3)(x)\n}\n'));
            await shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update([uri], [], token));
            await new Promise(resolve => setImmediate(resolve));
        } finally {
            listener.dispose();
            shared.workspace.TextDocuments.delete(uri.toString());
        }
        expect(events.slice(0, 3)).toEqual(['validated 1', 'written 1', 'validated 2']);
    });

    test('a path with a lone surrogate (an editor buffer can hold one) is a path that does not exist, not an exception', async () => {
        const errors: unknown[] = [];
        const consoleError = console.error;
        console.error = (...args: unknown[]) => { errors.push(args); };
        try {
            const { documents } = await buildLspProject({
                'a.dfnn': 'import "x\ud800.dfnn"\nnetwork N {\n    x = Input(shape=(8,))\n}\n',
                'p.dfp': 'import "y\udc00.dfnn"\noperation Op {\n    outputs y\n    code "op\ud800.py"\n}\n'
            });
            const messages = (name: string) => (documents[name].diagnostics ?? []).map(d => d.message);
            expect(messages('a.dfnn')).toEqual([expect.stringMatching(/^cannot find `x\ud800\.dfnn`/)]);
            expect(messages('p.dfp').join('\n')).toMatch(/cannot find `y\udc00\.dfnn`/);
            expect(messages('p.dfp').join('\n')).not.toContain('An error occurred');
            const links = await lspServices().dfp.lsp.DocumentLinkProvider!.getDocumentLinks(documents['p.dfp'], { textDocument: { uri: documents['p.dfp'].uri.toString() } });
            expect(links.map(link => URI.parse(link.target!).path)).toEqual([expect.stringContaining('y\ufffd.dfnn'), expect.stringContaining('op\ufffd.py')]);
        } finally {
            console.error = consoleError;
        }
        expect(errors).toEqual([]);
    });
});
