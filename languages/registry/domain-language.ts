import type { Command } from 'commander';
import type { AstReflection, LangiumDocument, Module, URI } from 'langium';
import type { LangiumServices, PartialLangiumServices } from 'langium/lsp';
import type { Diagnostic, Metamodel, ModelGraph } from '../../metamodel/core/index.js';
import type { LoadedWorkspace } from '../workspace/node-workspace.js';

/**
 * The one registration point of a domain language. The built-in `.dfnn` (networks) and `.dfp`
 * (pipelines) languages register through it exactly like an extension does: the services, the
 * workspace loader, `deepforge check`, the language server and the diagram server all iterate
 * the registered languages and know nothing else about them.
 *
 * `S` is the language's service container (Langium's services plus what the language adds).
 */
export interface DomainLanguage<S extends LangiumServices = LangiumServices> {
    /** Unique id, also the LSP `languageId` (`dfnn`). Lower case letters, digits and `-`. */
    readonly id: string;
    /** For people: `Keras networks`. */
    readonly title: string;
    /** File extensions with their dot (`.dfnn`). A file's extension decides its language. */
    readonly fileExtensions: readonly string[];
    /**
     * The Langium modules, injected in this order after Langium's default module: the generated
     * module of the language's grammar first, then the language's own. The registry sets
     * `LanguageMetaData` from `id` and `fileExtensions` (so one grammar may serve several languages).
     */
    readonly modules: readonly Module<S, PartialLangiumServices>[];
    /** Modules only the language server injects (after `modules`): hover, completion, … */
    readonly lspModules?: readonly Module<S, PartialLangiumServices>[];
    /** Called once the language's services exist: register validation checks and the like. */
    readonly onCreated?: (services: S) => void;
    /**
     * The AST reflection of a grammar generated outside DeepForge's Langium project (an
     * extension's): its types join the shared reflection. The built-ins leave it out.
     */
    readonly astReflection?: () => AstReflection;
    /**
     * Asynchronous set-up to finish before documents are built (the Python reader of `.dfp`):
     * awaited by the workspace loader and the diagram server, started early by the language server.
     */
    readonly ready?: (services: S) => Promise<unknown>;
    /**
     * The files a document imports (parsed, not yet linked): the workspace loader loads them with
     * it, transitively. None when absent.
     */
    readonly imports?: (services: S, document: LangiumDocument) => readonly URI[];
    /**
     * Lowering, AST → model graph: the document's graphs, each with the metamodel its nodes are
     * instances of, and the model checks' diagnostics (already published by validation; the CLI
     * and the diagram use them too). The document is built (linked and validated) when called.
     */
    lower(services: S, document: LangiumDocument): LoweredDocument;
    /** Generators (`deepforge generate <id> <file>`). */
    readonly generators?: readonly GeneratorContribution<S>[];
    /**
     * Styling of the diagrams of the language's graphs. The core draws them with its generic
     * drawing (typed nodes, ports, connections, markers); `.dfnn` and `.dfp` have drawings of their own.
     */
    readonly diagram?: DiagramContribution<S>;
    /** Subcommands of `deepforge` the language adds (`deepforge sweep run`). */
    readonly commands?: readonly CommandContribution[];
}

/** A document lowered to model graphs. */
export interface LoweredDocument {
    readonly graphs: readonly LoweredGraph[];
    /** Model checks (validation engine, graph checks, shapes), positions zero-based. */
    readonly diagnostics: readonly Diagnostic[];
}

/** One graph of a document (a network, a block, a pipeline, a catalogue, …). */
export interface LoweredGraph {
    readonly graph: ModelGraph;
    /** The metamodel of the graph's node types. */
    readonly metamodel: Metamodel;
}

/** A file a generator writes, relative to the output folder (it cannot leave it). */
export interface GeneratedFile {
    readonly path: string;
    readonly content: string | Uint8Array;
}

/** What a generator gets: a built, error-free document and the graph asked for. */
export interface GeneratorContext<S extends LangiumServices = LangiumServices> {
    readonly services: S;
    readonly document: LangiumDocument;
    readonly lowered: LoweredDocument;
    /** The graph named on the command line (`--graph`), else undefined: the generator decides. */
    readonly graph?: string;
    /**
     * The loaded workspace (`deepforge generate`): the document and the files it imports, all free
     * of errors, read from disk. Absent when a document is generated in memory (an extension's tests).
     */
    readonly workspace?: LoadedWorkspace;
}

/** A generator: usually Handlebars templates and helpers over a lowered graph. */
export interface GeneratorContribution<S extends LangiumServices = LangiumServices> {
    /** `deepforge generate <id>` (`keras`, `job`, `json`). */
    readonly id: string;
    readonly description: string;
    /** What `deepforge generate` says when the file has errors: `no job generated` (default `nothing generated`). */
    readonly failure?: string;
    /**
     * Generates the files. A {@link GenerationProblem} thrown here is the user's (an unknown
     * graph, a graph the target cannot express): printed, exit 2.
     */
    generate(context: GeneratorContext<S>): Promise<readonly GeneratedFile[]> | readonly GeneratedFile[];
    /**
     * Writes the files to the output folder and returns the lines to print, when the folder has
     * rules of its own (a job bundle replaces an earlier bundle). By default each file is written
     * under the folder (none may leave it) and `wrote PATH` is printed.
     */
    write?(files: readonly GeneratedFile[], folder: string, context: GeneratorContext<S>): Promise<readonly string[]>;
}

/** A problem of the user's input that a generator reports (printed as `deepforge: MESSAGE`, exit 2). */
export class GenerationProblem extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'GenerationProblem';
    }
}

/** Diagram styling and, optionally, a drawing of the language's own. */
export interface DiagramContribution<S extends LangiumServices = LangiumServices> {
    /** CSS added to the diagram page and to exported SVG; rules scoped by the `df-<language id>` class. */
    readonly css?: string;
    /** Extra CSS classes of a node (`df-node-<type>` is always there). */
    readonly nodeClasses?: (node: ModelGraph['nodes'][number], graph: LoweredGraph, services: S) => readonly string[];
}

/** A `deepforge` subcommand a language adds. */
export interface CommandContribution {
    /** The command's name (`sweep`); must not clash with the core's or another language's. */
    readonly name: string;
    /** Adds the command (and its subcommands) to the program. */
    register(program: Command, context: CommandContext): void;
}

/** What a contributed command may use: the CLI's output and exit code. */
export interface CommandContext {
    readonly out: (text: string) => void;
    readonly err: (text: string) => void;
    readonly setExitCode: (code: number) => void;
}
