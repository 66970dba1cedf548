import * as net from 'node:net';
import { fileURLToPath } from 'node:url';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import {
    AbstractMessageReader, createConnection, Disposable, MessageType, ProposedFeatures, ShowMessageNotification, SocketMessageReader,
    SocketMessageWriter, StreamMessageReader, StreamMessageWriter, type Connection, type DataCallback, type Message, type MessageReader,
    type MessageWriter
} from 'vscode-languageserver/node';
import { createLanguageRegistry } from '../../languages/builtin-languages.js';
import { DEEPFORGE_SECTION } from '../../languages/lsp/deepforge-configuration-provider.js';
import { loadExtensions } from '../../languages/registry/extension-loader.js';
import type { LanguageRegistry } from '../../languages/registry/language-registry.js';
import { findProject } from '../execution/config.js';
import { attachLspDiagrams } from '../diagram/lsp-diagrams.js';
import { createDeepForgeLspServices, type DeepForgeLspServices } from './deepforge-lsp-module.js';

/** How the server talks to its client. */
export type LspTransport = { readonly kind: 'stdio' } | { readonly kind: 'socket'; readonly port: number; readonly host?: string };

/** What the server serves besides the built-ins: the project's extensions, and what broke in them. */
export interface ServedExtensions {
    readonly languages?: LanguageRegistry;
    /** Broken extensions, said to the client as error messages once it is initialized. */
    readonly problems?: readonly string[];
}

/** Starts the language server on a connection: one server for `.dfnn`, `.dfp` and the extensions' languages. */
export function startDeepForgeLanguageServerOn(connection: Connection, extensions: ServedExtensions = {}): DeepForgeLspServices {
    const problems = [...extensions.problems ?? []];
    let services: DeepForgeLspServices;
    try {
        services = createDeepForgeLspServices({ connection, ...NodeFileSystem }, { languages: extensions.languages });
    } catch (error) {
        // An extension's language broke the services: serve the built-ins, say why.
        if (!extensions.languages) throw error;
        problems.push(`extensions: their languages could not be served: ${error instanceof Error ? error.message : String(error)}`);
        services = createDeepForgeLspServices({ connection, ...NodeFileSystem });
    }
    services.shared.lsp.LanguageServer.onInitialized(() => {
        for (const message of problems) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `DeepForge: ${message}` });
    });
    // The languages' asynchronous set-up (the `.dfp` checks read Python code): while the client initializes.
    for (const { language, services: container } of services.all) void language.ready?.(container);
    // Shape hints toggled in the settings: ask the client for them again.
    services.shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(update => {
        if (update.section === DEEPFORGE_SECTION) connection.languages.inlayHint.refresh().catch(() => undefined);
    });
    // Live diagrams of the buffers: a diagram server on a loopback port (see server/diagram/).
    attachLspDiagrams(connection, services);
    startLanguageServer(services.shared);
    return services;
}

/**
 * `deepforge lsp`: the language server over stdio, or listening on a loopback TCP port for one
 * client (`--socket PORT`; 0 picks a free port). Resolves when the server runs (stdio) or listens
 * (socket); `onListening` gets the port. The project whose extensions it serves is found from the
 * client's workspace folder (its `initialize` request), else from the current folder.
 */
export async function startDeepForgeLanguageServer(transport: LspTransport, onListening?: (port: number) => void): Promise<void> {
    if (transport.kind === 'stdio') {
        await serve(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
        return;
    }
    const host = transport.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
        const server = net.createServer(socket => {
            // One client per server process: the services hold one workspace.
            server.close();
            void serve(new SocketMessageReader(socket), new SocketMessageWriter(socket));
        });
        server.once('error', reject);
        server.listen(transport.port, host, () => {
            const address = server.address();
            onListening?.(typeof address === 'object' && address ? address.port : transport.port);
            resolve();
        });
    });
}

/**
 * Serves one client: its first message (`initialize`) names the workspace, whose project's
 * extensions are loaded before the services are made; that message is then handed to them.
 */
async function serve(reader: MessageReader, writer: MessageWriter): Promise<void> {
    const buffering = new BufferingMessageReader(reader);
    const first = await buffering.first;
    // The client left before saying anything: nothing to serve.
    if (first === undefined) return;
    const extensions = await projectExtensions(findProject(workspaceFolderOf(first) ?? process.cwd()));
    startDeepForgeLanguageServerOn(createConnection(ProposedFeatures.all, buffering, writer), extensions);
}

/** The local folder of the client's workspace in an `initialize` request (`rootUri`, the first of `workspaceFolders`, `rootPath`). */
export function workspaceFolderOf(message: Message | undefined): string | undefined {
    const request = message as { method?: string; params?: { rootUri?: string | null; rootPath?: string | null; workspaceFolders?: Array<{ uri: string }> | null } } | undefined;
    if (request?.method !== 'initialize' || !request.params) return undefined;
    const { rootUri, workspaceFolders, rootPath } = request.params;
    for (const uri of [rootUri, workspaceFolders?.[0]?.uri]) {
        if (typeof uri === 'string' && uri.startsWith('file:')) {
            try {
                return fileURLToPath(uri);
            } catch {
                // Not a local path (file://host/…): try the next.
            }
        }
    }
    return typeof rootPath === 'string' && rootPath ? rootPath : undefined;
}

/**
 * A reader that keeps what arrives before the connection listens, and hands it over first:
 * the server reads the client's `initialize` (to find the project) before its services exist.
 */
class BufferingMessageReader extends AbstractMessageReader {
    /** The first message (undefined when the stream closed before one came). */
    readonly first: Promise<Message | undefined>;
    private readonly buffered: Message[] = [];
    private callback?: DataCallback;

    constructor(private readonly inner: MessageReader) {
        super();
        let resolveFirst!: (message: Message | undefined) => void;
        this.first = new Promise(resolve => { resolveFirst = resolve; });
        inner.onError(error => this.fireError(error));
        inner.onClose(() => { resolveFirst(undefined); this.fireClose(); });
        inner.onPartialMessage(info => this.firePartialMessage(info));
        inner.listen(message => {
            resolveFirst(message);
            if (this.callback) this.callback(message);
            else this.buffered.push(message);
        });
    }

    listen(callback: DataCallback): Disposable {
        this.callback = callback;
        for (const message of this.buffered.splice(0)) callback(message);
        return Disposable.create(() => { this.callback = undefined; });
    }

    override dispose(): void {
        super.dispose();
        this.inner.dispose();
    }
}

/**
 * The extensions of the server's project (`DEEPFORGE_PROJECT`, else the nearest folder with
 * `.deepforge/` above the client's workspace folder or the current one). A broken one is a
 * problem to show, never a reason not to serve the built-ins.
 */
async function projectExtensions(project: string): Promise<ServedExtensions> {
    const loaded = await loadExtensions(project);
    const problems = loaded.problems.map(problem => problem.text);
    if (loaded.languages.length === 0) return { problems };
    try {
        return { languages: createLanguageRegistry({ extensions: loaded.languages }), problems };
    } catch (error) {
        return { problems: [...problems, `extensions: ${error instanceof Error ? error.message : String(error)}`] };
    }
}
