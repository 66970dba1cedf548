import { startDeepForgeLanguageServer } from '../../server/lsp/main.js';
import { ExitCode, type CliIO } from '../io.js';

export interface LspOptions {
    /** Listen on this loopback TCP port instead of stdio. */
    readonly socket?: string;
}

/**
 * `deepforge lsp`: the language server of `.dfnn` and `.dfp` files over stdio (the default;
 * `--stdio` is accepted for clients that pass it), or `--socket PORT` on 127.0.0.1 (the chosen
 * port is printed on stderr). Keeps running until the client exits it.
 */
export async function runLsp(options: LspOptions, io: CliIO): Promise<number> {
    if (options.socket === undefined) {
        await startDeepForgeLanguageServer({ kind: 'stdio' });
        return ExitCode.ok;
    }
    const port = Number(options.socket);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        io.err(`deepforge lsp: --socket expects a port number, got \`${options.socket}\``);
        return ExitCode.usage;
    }
    try {
        await startDeepForgeLanguageServer({ kind: 'socket', port }, listening => io.err(`deepforge lsp: listening on 127.0.0.1:${listening}`));
    } catch (error) {
        io.err(`deepforge lsp: cannot listen on 127.0.0.1:${port}: ${error instanceof Error ? error.message : String(error)}`);
        return ExitCode.usage;
    }
    return ExitCode.ok;
}
