import * as net from 'node:net';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import {
    createConnection, ProposedFeatures, SocketMessageReader, SocketMessageWriter, StreamMessageReader, StreamMessageWriter,
    type Connection
} from 'vscode-languageserver/node';
import { DEEPFORGE_SECTION } from '../../languages/lsp/deepforge-configuration-provider.js';
import { attachLspDiagrams } from '../diagram/lsp-diagrams.js';
import { createDeepForgeLspServices, type DeepForgeLspServices } from './deepforge-lsp-module.js';

/** How the server talks to its client. */
export type LspTransport = { readonly kind: 'stdio' } | { readonly kind: 'socket'; readonly port: number; readonly host?: string };

/** Starts the language server on a connection: one server for `.dfnn` and `.dfp`. */
export function startDeepForgeLanguageServerOn(connection: Connection): DeepForgeLspServices {
    const services = createDeepForgeLspServices({ connection, ...NodeFileSystem });
    // The `.dfp` checks read Python code: load the reader while the client initializes.
    void services.dfp.analysis.PythonCode.ready();
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
    if (transport.kind === 'stdio') {
        const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
        startDeepForgeLanguageServerOn(connection);
        return;
    }
    const host = transport.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
        const server = net.createServer(socket => {
            // One client per server process: the services hold one workspace.
            server.close();
            const connection = createConnection(ProposedFeatures.all, new SocketMessageReader(socket), new SocketMessageWriter(socket));
            startDeepForgeLanguageServerOn(connection);
        });
        server.once('error', reject);
        server.listen(transport.port, host, () => {
            const address = server.address();
            onListening?.(typeof address === 'object' && address ? address.port : transport.port);
            resolve();
        });
    });
}
