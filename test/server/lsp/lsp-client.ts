import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver-protocol/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * A minimal language client for end-to-end tests: starts `deepforge lsp` (the real launcher, on
 * this Node) as a subprocess over stdio and talks JSON-RPC to it.
 */
export class LspTestClient {
    readonly process: ChildProcess;
    readonly connection: MessageConnection;
    /** Every `publishDiagnostics` received, in order. */
    readonly published: PublishDiagnosticsParams[] = [];
    private waiters: Array<() => void> = [];
    stderr = '';

    constructor(args: string[] = ['lsp', '--stdio']) {
        this.process = spawn(process.execPath, [path.join(ROOT, 'bin', 'deepforge.cjs'), ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
        this.process.stderr!.on('data', chunk => { this.stderr += String(chunk); });
        this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
        this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
            this.published.push(params);
            const waiters = this.waiters;
            this.waiters = [];
            waiters.forEach(wake => wake());
        });
        this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
        this.connection.onRequest('client/registerCapability', () => null);
        this.connection.onRequest('window/workDoneProgress/create', () => null);
        this.connection.onNotification('window/logMessage', () => undefined);
        this.connection.listen();
    }

    async initialize(rootUri: string, initializationOptions?: unknown): Promise<unknown> {
        const result = await this.connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri,
            workspaceFolders: [{ uri: rootUri, name: 'test' }],
            capabilities: {
                workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, configuration: true },
                textDocument: { publishDiagnostics: {} }
            },
            initializationOptions
        });
        await this.connection.sendNotification('initialized', {});
        return result;
    }

    /** Waits until the latest diagnostics of `uri` satisfy `predicate`; returns them. */
    async diagnosticsOf(uri: string, predicate: (diagnostics: Diagnostic[]) => boolean, timeout = 30_000): Promise<Diagnostic[]> {
        const deadline = Date.now() + timeout;
        for (;;) {
            const latest = [...this.published].reverse().find(p => p.uri === uri);
            if (latest && predicate(latest.diagnostics)) return latest.diagnostics;
            const left = deadline - Date.now();
            if (left <= 0) {
                throw new Error(`timed out waiting for diagnostics of ${uri}; latest: ${JSON.stringify(latest?.diagnostics.map(d => d.message))}\n${this.stderr}`);
            }
            await new Promise<void>(resolve => {
                const timer = setTimeout(resolve, left);
                this.waiters.push(() => { clearTimeout(timer); resolve(); });
            });
        }
    }

    async stop(): Promise<void> {
        try {
            await this.connection.sendRequest('shutdown');
            await this.connection.sendNotification('exit');
        } catch {
            // already gone
        }
        await new Promise<void>(resolve => {
            if (this.process.exitCode !== null) return resolve();
            const timer = setTimeout(() => { this.process.kill(); resolve(); }, 5_000);
            this.process.once('exit', () => { clearTimeout(timer); resolve(); });
        });
        this.connection.dispose();
    }
}
