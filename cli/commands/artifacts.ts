import * as path from 'node:path';
import { findProject } from '../../server/execution/config.js';
import { addArtifact, getArtifact, removeArtifact } from '../../server/execution/manage.js';
import { Store } from '../../server/execution/store.js';
import { displayPath } from '../format/diagnostics.js';
import { ExitCode, type CliIO } from '../io.js';
import { reportExecutionError, whereIs } from './run.js';

export interface ArtifactsOptions {
    readonly project?: string;
    readonly json?: boolean;
    readonly type?: string;
    readonly storage?: string;
    readonly out?: string;
}

/** `deepforge artifacts list | add NAME FILE [--type T] | get NAME [-o FILE] | rm NAME`. */
export async function runArtifacts(action: string, args: readonly string[], options: ArtifactsOptions, io: CliIO): Promise<number> {
    try {
        const project = path.resolve(options.project ?? findProject());
        switch (action) {
            case 'list': {
                const artifacts = new Store(project).listArtifacts();
                if (options.json) io.out(JSON.stringify(artifacts));
                else if (artifacts.length === 0) io.out('no artifacts yet (deepforge artifacts add NAME FILE, or an Output step of a run)');
                else {
                    const rows = [['NAME', 'TYPE', 'SIZE', 'CREATED', 'PRODUCED BY', 'LOCATION'], ...artifacts.map(a => [
                        a.name, a.type, String(a.size), a.created.replace('T', ' ').slice(0, 19),
                        a.producedBy ? `${a.producedBy.execution}/${a.producedBy.step}` : a.source ?? 'uploaded', whereIs(a.location, project)
                    ])];
                    const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
                    for (const row of rows) io.out(row.map((c, i) => i === row.length - 1 ? c : c.padEnd(widths[i])).join('  '));
                }
                return ExitCode.ok;
            }
            case 'add': {
                if (args.length !== 2) throw usage('artifacts add NAME FILE [--type TYPE]');
                const artifact = await addArtifact(project, args[0], args[1], { type: options.type, storage: options.storage });
                io.out(options.json ? JSON.stringify(artifact) : `added artifact ${artifact.name} (${artifact.type}, ${artifact.size} bytes): ${whereIs(artifact.location, project)}`);
                return ExitCode.ok;
            }
            case 'get': {
                if (args.length !== 1) throw usage('artifacts get NAME [-o FILE]');
                const { artifact, file } = await getArtifact(project, args[0], options.out);
                io.out(`wrote artifact ${artifact.name} to ${displayPath(path.resolve(file))}`);
                return ExitCode.ok;
            }
            case 'rm': {
                if (args.length === 0) throw usage('artifacts rm NAME…');
                for (const name of args) {
                    await removeArtifact(project, name);
                    io.out(`removed artifact ${name}`);
                }
                return ExitCode.ok;
            }
            default:
                io.err(`deepforge: unknown action \`${action}\` (list, add, get, rm)`);
                return ExitCode.usage;
        }
    } catch (error) {
        if (error instanceof UsageError) {
            io.err(`deepforge: usage: deepforge ${error.message}`);
            return ExitCode.usage;
        }
        return reportExecutionError(error, io);
    }
}

class UsageError extends Error {}
function usage(text: string): UsageError {
    return new UsageError(text);
}
