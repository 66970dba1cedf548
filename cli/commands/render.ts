import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { DeepForgeLayoutEngine } from '../../diagram/layout/layout-engine.js';
import { renderSvg } from '../../diagram/render/svg-renderer.js';
import type { LanguageRegistry } from '../../languages/registry/language-registry.js';
import { loadWorkspace } from '../../languages/workspace/node-workspace.js';
import { DiagramSources } from '../../server/diagram/diagram-sources.js';
import { displayPath } from '../format/diagnostics.js';
import { ExitCode, type CliIO } from '../io.js';

export interface RenderOptions {
    readonly network?: string;
    readonly pipeline?: string;
    /** The graph of any language (a network, a pipeline, a catalogue, …; default: the file's first). */
    readonly graph?: string;
    /** The languages to load the file with (default: the built-ins); the project's extensions' are drawn with the generic model diagram. */
    readonly languages?: LanguageRegistry;
    /** The SVG file to write (default: standard output). */
    readonly out?: string;
}

/**
 * `deepforge render <file> [--network N | --pipeline P | --graph G] -o out.svg`: the diagram of a
 * network or pipeline as a static SVG — the generator, ELK layout and stylesheet of the live
 * diagram, with shapes on the edges and markers on invalid layers (hover texts as SVG titles).
 * Files of the extensions' languages get the live diagram's generic model drawing.
 */
export async function runRender(file: string, options: RenderOptions, io: CliIO): Promise<number> {
    const workspace = await loadWorkspace([file], { languages: options.languages });
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
    const name = options.graph ?? options.network ?? options.pipeline;
    const context = sources.generate(loaded.document, name, new Set());
    if (!context) {
        const names = sources.list(loaded.document).map(d => `${d.kind === 'model' ? 'graph' : d.kind} \`${d.name}\``);
        const what = options.graph !== undefined ? 'graph' : options.network !== undefined ? 'network' : 'pipeline';
        io.err(name
            ? `deepforge: no ${what} \`${name}\` in ${displayPath(loaded.path)}${names.length ? ` (it has ${names.join(', ')})` : ''}`
            : `deepforge: ${displayPath(loaded.path)} has no ${sources.drawingOf(loaded.document) === 'model' ? 'graph' : 'network or pipeline'} to draw`);
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
