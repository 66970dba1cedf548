/**
 * The DeepForge extension for VS Code: `.dfnn` and `.dfp` files get the TextMate grammars that
 * langium-cli generates (syntaxes/) and the language server `deepforge lsp` over stdio through
 * vscode-languageclient. Everything else — diagnostics, completion, hover, shape hints,
 * navigation (including `builtin:///keras.dfnn`, whose text the client fetches with
 * `workspace/textDocumentContent`), rename, formatting, quick fixes — comes from the server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** The `deepforge` launcher: the setting, else the workspace's own install, else the PATH. */
function launcher(): string {
    const configured = workspace.getConfiguration('deepforge').get<string>('server.command', '').trim();
    if (configured) return configured;
    for (const folder of workspace.workspaceFolders ?? []) {
        const local = path.join(folder.uri.fsPath, 'node_modules', '.bin', process.platform === 'win32' ? 'deepforge.cmd' : 'deepforge');
        if (fs.existsSync(local)) return local;
    }
    return 'deepforge';
}

export async function activate(context: ExtensionContext): Promise<void> {
    // TransportKind.stdio appends `--stdio`: the server runs as `deepforge lsp --stdio`.
    const run = { command: launcher(), args: ['lsp'], transport: TransportKind.stdio, options: { shell: process.platform === 'win32' } };
    const serverOptions: ServerOptions = { run, debug: run };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [
            { scheme: 'file', language: 'dfnn' }, { scheme: 'file', language: 'dfp' },
            { scheme: 'untitled', language: 'dfnn' }, { scheme: 'untitled', language: 'dfp' },
            { scheme: 'builtin', language: 'dfnn' }, { scheme: 'builtin', language: 'dfp' },
            // Files of data-only extension languages, mapped to `dfmodel` by `files.associations`.
            { scheme: 'file', language: 'dfmodel' }, { scheme: 'untitled', language: 'dfmodel' }
        ],
        // Operation code: a changed .py file re-checks the pipelines that name it.
        synchronize: { configurationSection: 'deepforge', fileEvents: workspace.createFileSystemWatcher('**/*.{dfnn,dfp,py}') }
    };
    client = new LanguageClient('deepforge', 'DeepForge', serverOptions, clientOptions);
    context.subscriptions.push(client);
    await client.start();
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}
