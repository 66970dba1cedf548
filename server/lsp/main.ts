import * as net from 'node:net';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import {
    createConnection, MessageType, ProposedFeatures, ShowMessageNotification, SocketMessageReader, SocketMessageWriter,
    StreamMessageReader, StreamMessageWriter, type Connection
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
 * (socket); `onListening` gets the port.
 */
export async function startDeepForgeLanguageServer(transport: LspTransport, onListening?: (port: number) => void): Promise<void> {
    const extensions = await projectExtensions();
    if (transport.kind === 'stdio') {
        const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
        startDeepForgeLanguageServerOn(connection, extensions);
        return;
    }
    const host = transport.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
        const server = net.createServer(socket => {
            // One client per server process: the services hold one workspace.
            server.close();
            const connection = createConnection(ProposedFeatures.all, new SocketMessageReader(socket), new SocketMessageWriter(socket));
            startDeepForgeLanguageServerOn(connection, extensions);
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
 * The extensions of the project the server starts in (`DEEPFORGE_PROJECT`, else the nearest
 * folder with `.deepforge/` above the current one). A broken one is a problem to show, never a
 * reason not to serve the built-ins.
 */
async function projectExtensions(): Promise<ServedExtensions> {
    const loaded = await loadExtensions(findProject());
    const problems = loaded.problems.map(problem => problem.text);
    if (loaded.languages.length === 0) return { problems };
    try {
        return { languages: createLanguageRegistry({ extensions: loaded.languages }), problems };
    } catch (error) {
        return { problems: [...problems, `extensions: ${error instanceof Error ? error.message : String(error)}`] };
    }
}
