import { spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { createMessageConnection, SocketMessageReader, SocketMessageWriter } from 'vscode-languageserver-protocol/node';
import { runLsp } from '../../../cli/commands/lsp.js';
import { BufferedIO } from '../../../cli/io.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('deepforge lsp --socket', () => {
    test('listens on 127.0.0.1 (port 0: a free one, printed on stderr) and serves one client', async () => {
        const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'deepforge.cjs'), 'lsp', '--socket', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        try {
            const port = await new Promise<number>((resolve, reject) => {
                let stderr = '';
                child.stderr!.on('data', chunk => {
                    stderr += String(chunk);
                    const match = /listening on 127\.0\.0\.1:(\d+)/.exec(stderr);
                    if (match) resolve(Number(match[1]));
                });
                child.once('exit', code => reject(new Error(`exited with ${code}: ${stderr}`)));
            });
            const socket = net.connect(port, '127.0.0.1');
            await new Promise<void>(resolve => socket.once('connect', () => resolve()));
            const connection = createMessageConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
            connection.listen();
            const result = await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} }) as { capabilities: { hoverProvider?: boolean } };
            expect(result.capabilities.hoverProvider).toBe(true);
            await connection.sendRequest('shutdown');
            connection.dispose();
            socket.destroy();
        } finally {
            child.kill();
        }
    }, 60_000);

    test('a bad port is a usage error', async () => {
        const io = new BufferedIO();
        expect(await runLsp({ socket: 'abc' }, io)).toBe(2);
        expect(io.stderr).toEqual(['deepforge lsp: --socket expects a port number, got `abc`']);
    });
});
