import { existsSync, statSync } from 'node:fs';
import { startFileDiagrams } from '../../server/diagram/file-diagrams.js';
import { ExitCode, type CliIO } from '../io.js';
import type { LanguageRegistry } from '../../languages/registry/language-registry.js';

export interface StartOptions {
    readonly port?: string;
    /** The languages drawn (default: the built-ins; the CLI adds the project's extensions'). */
    readonly languages?: LanguageRegistry;
}

/**
 * `deepforge start [folder] [--port 8888]`: the live diagram page over the files of a folder,
 * without an editor — watched (edits on disk update the page), and edits in the page written to
 * the files. Runs until interrupted.
 */
export async function runStart(folder: string | undefined, options: StartOptions, io: CliIO): Promise<number> {
    const root = folder ?? '.';
    if (!existsSync(root) || !statSync(root).isDirectory()) {
        io.err(`deepforge start: ${root} is not a folder`);
        return ExitCode.usage;
    }
    const port = options.port === undefined ? 8888 : Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        io.err(`deepforge start: --port expects a port number, got \`${options.port}\``);
        return ExitCode.usage;
    }
    try {
        const running = await startFileDiagrams(root, { port, languages: options.languages });
        io.out(`DeepForge diagrams of ${root}: ${running.url}`);
        await new Promise<void>(resolve => {
            const stop = () => resolve();
            process.once('SIGINT', stop);
            process.once('SIGTERM', stop);
        });
        await running.stop();
    } catch (error) {
        io.err(`deepforge start: ${error instanceof Error ? error.message : String(error)}`);
        return ExitCode.usage;
    }
    return ExitCode.ok;
}
