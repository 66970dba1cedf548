import { existsSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isActionMessage, type Action, type ActionMessage } from 'sprotty-protocol';
import { WebSocketServer, type WebSocket } from 'ws';
import type { DiagramManager } from './diagram-manager.js';
import type { DiagramSession } from './diagram-session.js';

/** The built client: `out/diagram/client/` (index.html, diagram.js, diagram.css), next to this file's build folder. */
export const CLIENT_DIR = fileURLToPath(new URL('../../diagram/client/', import.meta.url));

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json' };

export interface DiagramHttpServerOptions {
    /** 0 (default): any free port. */
    readonly port?: number;
    /** Loopback only. */
    readonly host?: string;
    /** Whether the server keeps the process alive (not in a language server, which lives as long as its client). */
    readonly keepAlive?: boolean;
}

/**
 * The diagram page and its WebSocket on a loopback port: `GET /` is the page (`?uri=…&name=…`
 * shows one diagram, without parameters an index of the workspace's diagrams), `GET /api/diagrams`
 * the index as JSON, and `/ws` carries Sprotty action messages (`{ clientId, action }`) both ways —
 * each client id is one {@link DiagramSession}.
 */
export class DiagramHttpServer {
    protected server?: http.Server;
    protected sockets?: WebSocketServer;
    port = 0;

    constructor(readonly manager: DiagramManager, readonly options: DiagramHttpServerOptions = {}) {}

    get url(): string {
        return `http://${this.options.host ?? '127.0.0.1'}:${this.port}/`;
    }

    async start(): Promise<string> {
        const server = http.createServer((request, response) => void this.serve(request, response));
        const sockets = new WebSocketServer({ noServer: true });
        server.on('upgrade', (request, socket, head) => {
            if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/ws') {
                socket.destroy();
                return;
            }
            sockets.handleUpgrade(request, socket, head, ws => this.accept(ws));
        });
        await new Promise<void>((resolve, reject) => {
            server.once('error', reject);
            server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => resolve());
        });
        if (!this.options.keepAlive) server.unref();
        this.server = server;
        this.sockets = sockets;
        this.port = (server.address() as AddressInfo).port;
        return this.url;
    }

    protected async serve(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
        const url = new URL(request.url ?? '/', 'http://localhost');
        try {
            if (url.pathname === '/api/diagrams') {
                response.writeHead(200, { 'content-type': 'application/json' });
                response.end(JSON.stringify(await this.manager.index()));
                return;
            }
            if (url.pathname === '/languages.css') {
                // The registered languages' diagram styling (DomainLanguage.diagram.css).
                response.writeHead(200, { 'content-type': TYPES['.css'], 'cache-control': 'no-cache' });
                response.end(this.manager.sources.css());
                return;
            }
            const name = url.pathname === '/' ? 'index.html' : url.pathname.substring(1);
            const file = path.join(CLIENT_DIR, name);
            if (!/^[\w.-]+$/.test(name) || !existsSync(file)) {
                response.writeHead(404, { 'content-type': 'text/plain' });
                response.end(existsSync(CLIENT_DIR) ? 'not found' : 'the diagram client is not built: run `npm run build`');
                return;
            }
            response.writeHead(200, { 'content-type': TYPES[path.extname(name)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
            response.end(readFileSync(file));
        } catch (error) {
            response.writeHead(500, { 'content-type': 'text/plain' });
            response.end(error instanceof Error ? error.message : String(error));
        }
    }

    protected accept(ws: WebSocket): void {
        const sessions = new Map<string, DiagramSession>();
        ws.on('message', data => {
            let message: unknown;
            try {
                message = JSON.parse(String(data));
            } catch {
                return;
            }
            if (!isActionMessage(message)) return;
            const { clientId, action } = message as ActionMessage;
            let session = sessions.get(clientId);
            if (!session) {
                session = this.manager.connect(clientId, <A extends Action>(out: A) => {
                    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ clientId, action: out }));
                    return Promise.resolve();
                });
                sessions.set(clientId, session);
            }
            void session.accept(action);
        });
        ws.on('close', () => {
            for (const session of sessions.values()) this.manager.disconnect(session);
            sessions.clear();
        });
    }

    async stop(): Promise<void> {
        for (const client of this.sockets?.clients ?? []) client.terminate();
        this.sockets?.close();
        await new Promise<void>(resolve => (this.server ? this.server.close(() => resolve()) : resolve()));
        this.server?.closeAllConnections?.();
    }
}
