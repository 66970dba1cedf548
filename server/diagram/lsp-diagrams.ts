import type { LangiumDocument } from 'langium';
import type { Connection } from 'vscode-languageserver';
import { MessageType, type DocumentHighlightParams } from 'vscode-languageserver-protocol';
import type { DeepForgeLspServices } from '../lsp/deepforge-lsp-module.js';
import type { DeepForgeCommandHandler } from '../lsp/deepforge-command-handler.js';
import { DiagramHttpServer } from './diagram-http-server.js';
import { DiagramManager, type DiagramEditor } from './diagram-manager.js';
import { StoreExecutionStatusProvider } from './execution-status.js';

/** Diagram settings of the language server (initialization options `{ "diagrams": { … } }`). */
export interface LspDiagramOptions {
    /** `false`: no diagram server. Also `DEEPFORGE_DIAGRAMS=off`. */
    readonly enabled?: boolean;
    /** The loopback port (default: any free one). Also `DEEPFORGE_DIAGRAM_PORT`. */
    readonly port?: number;
}

/** Edits through the editor (`workspace/applyEdit`: one undo step), reveals through `window/showDocument`. */
export class LspDiagramEditor implements DiagramEditor {
    constructor(protected readonly connection: Connection) {}

    async applyEdit(changes: Record<string, import('vscode-languageserver-types').TextEdit[]>, label: string): Promise<boolean> {
        const result = await this.connection.workspace.applyEdit({ label, edit: { changes } });
        return result.applied;
    }

    async reveal(uri: string, range: import('vscode-languageserver-types').Range): Promise<void> {
        await this.connection.window.showDocument({ uri, selection: range, takeFocus: false }).catch(() => undefined);
    }
}

/**
 * Hosts the diagram server in the language server process, so that diagrams show unsaved
 * buffers: started when the client is initialized, on a loopback port announced with
 * `window/showMessage` and answered by `deepforge.openDiagram`. The editor's cursor (the
 * `textDocument/documentHighlight` requests editors send as it moves, or a
 * `deepforge/cursor` notification `{ uri, position }`) highlights its element in the diagrams.
 */
export function attachLspDiagrams(connection: Connection, services: DeepForgeLspServices): void {
    let options: LspDiagramOptions = {};
    let started: Promise<DiagramHttpServer | undefined> | undefined;
    const env = process.env;
    const start = (): Promise<DiagramHttpServer | undefined> => (started ??= (async () => {
        if (options.enabled === false || env.DEEPFORGE_DIAGRAMS === 'off') return undefined;
        const manager = new DiagramManager(services, new LspDiagramEditor(connection), { statuses: new StoreExecutionStatusProvider() });
        trackCursor(services, manager);
        connection.onNotification('deepforge/cursor', (params: { uri: string; position: { line: number; character: number } }) => {
            manager.cursorMoved(params.uri, params.position);
        });
        const port = options.port ?? (env.DEEPFORGE_DIAGRAM_PORT ? Number(env.DEEPFORGE_DIAGRAM_PORT) : 0);
        const server = new DiagramHttpServer(manager, { port });
        await server.start();
        return server;
    })());
    const commands = services.shared.lsp.ExecuteCommandHandler as DeepForgeCommandHandler | undefined;
    if (commands) {
        commands.diagrams = {
            urlFor: async (uri, name) => {
                const server = await start();
                if (!server) throw new Error('diagrams are turned off (initialization option diagrams.enabled = false)');
                return DiagramManager.urlFor(server.url, uri, name);
            }
        };
    }
    const languageServer = services.shared.lsp.LanguageServer;
    languageServer.onInitialize(params => {
        const given = (params.initializationOptions as { diagrams?: LspDiagramOptions } | undefined)?.diagrams;
        if (given && typeof given === 'object') options = given;
    });
    languageServer.onInitialized(() => {
        void start().then(server => {
            if (server) void connection.sendNotification('window/showMessage', { type: MessageType.Info, message: `DeepForge diagrams: ${server.url}` });
        }, error => connection.console.error(`deepforge: the diagram server did not start: ${error instanceof Error ? error.message : String(error)}`));
    });
}

/** Editors ask for document highlights as the cursor moves: the diagram follows the cursor. */
function trackCursor(services: DeepForgeLspServices, manager: DiagramManager): void {
    for (const { services: language } of services.all) {
        const provider = language.lsp.DocumentHighlightProvider as { getDocumentHighlight: (document: LangiumDocument, params: DocumentHighlightParams, ...rest: unknown[]) => unknown } | undefined;
        if (!provider) continue;
        const original = provider.getDocumentHighlight.bind(provider);
        provider.getDocumentHighlight = (document, params, ...rest) => {
            manager.cursorMoved(params.textDocument.uri, params.position);
            return original(document, params, ...rest);
        };
    }
}
