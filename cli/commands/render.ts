import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { DeepForgeLayoutEngine } from '../../diagram/layout/layout-engine.js';
import { renderSvg } from '../../diagram/render/svg-renderer.js';
import { loadWorkspace } from '../../languages/workspace/node-workspace.js';
import { DiagramSources } from '../../server/diagram/diagram-sources.js';
import { displayPath } from '../format/diagnostics.js';
import { ExitCode, type CliIO } from '../io.js';

export interface RenderOptions {
    readonly network?: string;
    readonly pipeline?: string;
    /** The SVG file to write (default: standard output). */
    readonly out?: string;
}

/**
 * `deepforge render <file> [--network N | --pipeline P] -o out.svg`: the diagram of a network or
 * pipeline as a static SVG — the generator, ELK layout and stylesheet of the live diagram, with
 * shapes on the edges and markers on invalid layers (hover texts as SVG titles).
 */
export async function runRender(file: string, options: RenderOptions, io: CliIO): Promise<number> {
    const workspace = await loadWorkspace([file]);
    for (const problem of workspace.problems) {
        io.err(`deepforge: cannot read ${problem.path}: ${problem.message}`);
        return ExitCode.usage;
    }
    const loaded = workspace.documents.find(doc => doc.requested);
    if (!loaded) {
        io.err(`deepforge: cannot read ${file}`);
        return ExitCode.usage;
    }
    const sources = new DiagramSources(workspace.services);
    const name = options.network ?? options.pipeline;
    const context = sources.generate(loaded.document, name, new Set());
    if (!context) {
        const names = sources.list(loaded.document).map(d => `${d.kind} \`${d.name}\``);
        io.err(name
            ? `deepforge: no ${options.network ? 'network' : 'pipeline'} \`${name}\` in ${displayPath(loaded.path)}${names.length ? ` (it has ${names.join(', ')})` : ''}`
            : `deepforge: ${displayPath(loaded.path)} has no network or pipeline`);
        return ExitCode.usage;
    }
    const layout = new DeepForgeLayoutEngine();
    try {
        const svg = renderSvg(await layout.layout(context.model) as typeof context.model);
        if (options.out) {
            await writeFile(path.resolve(options.out), svg);
            io.err(`deepforge: wrote ${options.out}`);
        } else {
            io.out(svg);
        }
    } finally {
        await layout.dispose();
    }
    return ExitCode.ok;
}
