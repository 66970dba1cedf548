import { Argument, Command, CommanderError, Option } from 'commander';
import { runCheck } from './commands/check.js';
import { runExport } from './commands/export.js';
import { describeGenerators, runGenerate } from './commands/generate.js';
import { runImport } from './commands/import.js';
import { runGraph } from './commands/graph.js';
import { runLsp } from './commands/lsp.js';
import { runRender, type RenderOptions } from './commands/render.js';
import { runStart, type StartOptions } from './commands/start.js';
import { runSummary } from './commands/summary.js';
import { runArtifacts, type ArtifactsOptions } from './commands/artifacts.js';
import { runConfig, type ConfigOptions } from './commands/config.js';
import { runExecutions, type ExecutionsOptions } from './commands/executions.js';
import { runRun, type RunCommandOptions } from './commands/run.js';
import { runSetup, type SetupOptions } from './commands/setup.js';
import { runExtensions, type ExtensionsOptions } from './commands/extensions.js';
import { ExtensionRuntimeError, loadExtensions, type ExtensionLoadResult } from '../languages/registry/extension-loader.js';
import { findProject } from '../server/execution/config.js';
import { ExitCode, processIO, type CliIO } from './io.js';
import { createLanguageRegistry } from '../languages/builtin-languages.js';

/** What the CLI found at start-up. */
export interface ProgramStartup {
    /** The extensions of the project (their languages join the registry, their commands the program). */
    readonly extensions?: ExtensionLoadResult;
}

/** The `deepforge` command line: thin commands over functions in `commands/`. */
export function createProgram(io: CliIO = processIO, setExitCode: (code: number) => void = code => { process.exitCode = code; }, startup: ProgramStartup = {}): Command {
    const program = new Command('deepforge')
        .description('DeepForge: Keras networks (.dfnn) and pipelines (.dfp), checked as you write them.')
        .configureOutput({ writeOut: text => io.out(text.trimEnd()), writeErr: text => io.err(text.trimEnd()) })
        .exitOverride()
        .showHelpAfterError();
    const format = () => new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');
    // The built-in languages, then the project's extensions' (loaded at start-up, clashes already left out).
    const languages = createLanguageRegistry({ extensions: startup.extensions?.languages });

    program.command('check')
        .description('check the files of the registered languages (.dfnn, .dfp, the extensions\'; folders are searched) and the files they import')
        .argument('<paths...>', 'files or folders')
        .addOption(format())
        .action(async (paths: string[], options: { format: 'text' | 'json' }) => {
            setExitCode(await runCheck(paths, { ...options, languages }, io));
        });

    program.command('summary')
        .description('print the Keras model summary of the networks of a .dfnn file')
        .argument('<file>', 'a .dfnn file')
        .option('--network <name>', 'only this network')
        .addOption(format())
        .action(async (file: string, options: { network?: string; format: 'text' | 'json' }) => {
            setExitCode(await runSummary(file, options, io));
        });
    program.command('graph')
        .description('print the steps of the pipelines of a .dfp file in execution order, with their wiring')
        .argument('<file>', 'a .dfp file')
        .option('--pipeline <name>', 'only this pipeline')
        .addOption(format())
        .action(async (file: string, options: { pipeline?: string; format: 'text' | 'json' }) => {
            setExitCode(await runGraph(file, options, io));
        });

    program.command('generate')
        .description('run a generator of the file\'s language: Keras Python (keras) or Keras JSON (keras-json) for the networks of a .dfnn file, the job bundle (job) of a .dfp pipeline, and the generators of the registered extensions')
        .addArgument(new Argument('<target>', `what to generate (${describeGenerators(languages)}, or an extension's)`))
        .argument('<file>', 'a file of the language whose generator it is')
        .option('--graph <name>', 'the graph to generate (a network, a pipeline, …)')
        .option('--network <name>', 'keras, keras-json: only this network')
        .option('--pipeline <name>', 'job: the pipeline (when the file has several)')
        .requiredOption('-o, --out <dir>', 'output folder')
        .action(async (target: string, file: string, options: { graph?: string; network?: string; pipeline?: string; out: string }) => {
            setExitCode(await runGenerate(target, file, { ...options, languages }, io));
        });

    program.command('export')
        .description('export a pipeline as a runnable zip (the job bundle): static inputs are bundled, the others become arguments of main.py')
        .argument('<file>', 'a .dfp file')
        .option('--pipeline <name>', 'the pipeline (when the file has several)')
        .requiredOption('-o, --out <file>', 'the .zip file to write')
        .option('--static <input=path>', 'bundle this input (an Input step or artifact name, and a file); repeatable', (value: string, all: string[]) => [...all, value], [] as string[])
        .action(async (file: string, options: { pipeline?: string; out: string; static: string[] }) => {
            setExitCode(await runExport(file, { ...options, languages }, io));
        });

    program.command('import')
        .description('import a saved Keras model (model.to_json() output or a .keras file) as a .dfnn network')
        .addArgument(new Argument('<source>', 'what to import').choices(['keras']))
        .argument('<model>', 'a .json or .keras file')
        .requiredOption('-o, --out <file>', 'the .dfnn file to write')
        .option('--network <name>', 'the network\'s name (default: the model\'s)')
        .action(async (_source: string, model: string, options: { out: string; network?: string }) => {
            setExitCode(await runImport(model, options, io));
        });
    program.command('lsp')
        .description('run the language server of .dfnn and .dfp files (stdio by default)')
        .option('--stdio', 'talk over stdin/stdout (the default)')
        .option('--socket <port>', 'listen on 127.0.0.1:<port> for one client instead (0: any free port)')
        .action(async (options: { socket?: string }) => {
            setExitCode(await runLsp(options, io));
        });
    program.command('start')
        .description('serve the live diagrams of a folder\'s .dfnn and .dfp files (watched; edits in the page are written to the files)')
        .argument('[folder]', 'the project folder', '.')
        .option('--port <port>', 'the loopback port (0: any free port)', '8888')
        .action(async (folder: string, options: StartOptions) => {
            setExitCode(await runStart(folder, { ...options, languages }, io));
        });
    program.command('render')
        .description('draw a network, pipeline or graph of an extension\'s language as a static SVG (the live diagram\'s layout and styling)')
        .argument('<file>', 'a file of a registered language (.dfnn, .dfp, the extensions\')')
        .option('--network <name>', 'the network (default: the file\'s first)')
        .option('--pipeline <name>', 'the pipeline (default: the file\'s first)')
        .option('--graph <name>', 'the graph, in any language (default: the file\'s first)')
        .option('-o, --out <file>', 'the SVG file to write (default: standard output)')
        .action(async (file: string, options: RenderOptions) => {
            setExitCode(await runRender(file, { ...options, languages }, io));
        });
    const repeatable = (value: string, all: string[]) => [...all, value];
    program.command('run')
        .description('run a pipeline step by step (local compute and storage by default), with a live view; or resume an execution')
        .argument('[file]', 'a .dfp file')
        .option('--pipeline <name>', 'the pipeline (when the file has several)')
        .option('--name <name>', 'the execution\'s name (made unique: run, run_2, …)')
        .option('--compute <adapter>', 'compute adapter (config `compute`, default local)')
        .addOption(new Option('--storage <adapter>', 'storage adapter (config `storage`, default local)').choices(['local', 's3']))
        .option('--set <step.attr=value>', 'an attribute value for this run; repeatable', repeatable, [] as string[])
        .option('--input <name=artifact>', 'the artifact an Input step reads; repeatable', repeatable, [] as string[])
        .option('--json', 'stream the events as JSON lines')
        .option('--no-cache', 'run every step, even those whose results are stored')
        .option('--explain', 'say for each step whether it would run or be reused, and why; run nothing')
        .option('--resume <execution>', 're-run the failed and cancelled steps of an execution')
        .option('--detach', 'submit every step and return (compute slurm); follow later with executions show NAME --follow')
        .option('--debug', 're-read the operations\' code before each step (debug mode)')
        .option('--parallel <n>', 'steps run at once (config `parallel`, default: CPU cores)')
        .option('--seed <n>', 'seed Python, numpy and Keras before each step')
        .option('--project <dir>', 'the project folder (default: the nearest folder with .deepforge/, else the current one)')
        .action(async (file: string | undefined, options: RunCommandOptions) => {
            setExitCode(await interruptible(io, options.json, context => runRun(file, options, io, context)));
        });

    program.command('executions')
        .description('the executions of the project: list | show NAME | logs NAME [STEP…] | figures NAME | cancel NAME | rm NAME… | compare NAME NAME…')
        .addArgument(new Argument('<action>').choices(['list', 'show', 'logs', 'figures', 'cancel', 'rm', 'compare']))
        .argument('[names...]', 'executions (logs: an execution, then steps)')
        .option('--stderr', 'logs: standard error instead of standard output')
        .option('--follow', 'show, logs: report a running execution to its end (re-attaching to its jobs when its runner is gone)')
        .option('--json', 'machine-readable output')
        .option('--project <dir>', 'the project folder')
        .action(async (action: string, names: string[], options: ExecutionsOptions) => {
            setExitCode(await interruptible(io, options.json, context => runExecutions(action, names, options, io, context)));
        });

    program.command('artifacts')
        .description('the artifacts of the project: list | add NAME FILE [--type T] | get NAME [-o FILE] | rm NAME…')
        .addArgument(new Argument('<action>').choices(['list', 'add', 'get', 'rm']))
        .argument('[args...]', 'names (and the file to add)')
        .option('--type <type>', 'add: the data type (numpy, keras, pickle, …; default by extension)')
        .addOption(new Option('--storage <adapter>', 'add: storage adapter').choices(['local', 's3']))
        .option('-o, --out <file>', 'get: the file to write')
        .option('--json', 'machine-readable output')
        .option('--project <dir>', 'the project folder')
        .action(async (action: string, args: string[], options: ArtifactsOptions) => {
            setExitCode(await runArtifacts(action, args, options, io));
        });

    program.command('config')
        .description('print or set the project configuration (.deepforge/config.json; DEEPFORGE_* variables override it)')
        .argument('[key]', 'a setting, e.g. python or storage.s3.bucket')
        .argument('[value]', 'its new value')
        .option('--unset', 'remove the setting from the config file')
        .option('--json', 'machine-readable output')
        .option('--project <dir>', 'the project folder')
        .action(async (key: string | undefined, value: string | undefined, options: ConfigOptions) => {
            setExitCode(await runConfig(key, value, options, io));
        });

    program.command('setup')
        .description('create the project\'s Python environment (.venv) with pip from the operations\' environment files')
        .argument('[file]', 'a .dfp file (default: every environments/*.yml of the project)')
        .option('--pipeline <name>', 'the pipeline (when the file has several)')
        .option('--python <python>', 'the Python that creates the venv (default python3)')
        .option('--force', 'install even when the requirements did not change')
        .option('--project <dir>', 'the project folder')
        .action(async (file: string | undefined, options: SetupOptions) => {
            setExitCode(await runSetup(file, options, io));
        });

    program.command('extensions')
        .description('extensions of the project (languages, commands): add FOLDER|PACKAGE | list | remove NAME | init NAME [--dir D] | build FOLDER | test FOLDER')
        .addArgument(new Argument('<action>').choices(['add', 'list', 'remove', 'init', 'build', 'test']))
        .argument('[args...]', 'add: a folder or an npm package; remove: a name; init: the new extension\'s name; build, test: its folder')
        .option('--dir <dir>', 'init: the folder to create (default: the name)')
        .option('--json', 'list: machine-readable output')
        .option('--project <dir>', 'the project folder')
        .action(async (action: string, args: string[], options: ExtensionsOptions) => {
            const core = program.commands.map(command => command.name());
            setExitCode(await runExtensions(action, args, { ...options, reserved: { commands: core } }, io));
        });
    addExtensionCommands(program, startup, io, setExitCode);
    return program;
}

/** Adds the loaded extensions' commands; one that clashes with a core command or throws is reported and left out. */
function addExtensionCommands(program: Command, startup: ProgramStartup, io: CliIO, setExitCode: (code: number) => void): void {
    const extensions = startup.extensions?.extensions ?? [];
    for (const extension of extensions) {
        for (const command of extension.commands) {
            const where = `extension '${extension.record.name}' (${extension.record.path ?? `npm package ${extension.record.package}`})`;
            if (program.commands.some(existing => existing.name() === command.name)) {
                io.err(`deepforge: ${where}: command '${command.name}' is already a deepforge command; not added`);
                continue;
            }
            try {
                command.register(program, { out: io.out, err: io.err, setExitCode });
            } catch (error) {
                io.err(`deepforge: ${where}: adding command '${command.name}' failed: ${error instanceof Error ? error.message : String(error)}`);
            }
        }
    }
}

/** Commands that load the project's extensions themselves (or need none). */
const LOADS_ITS_OWN_EXTENSIONS = new Set(['extensions', 'lsp']);

/**
 * The extensions of the project of the current folder (`DEEPFORGE_PROJECT`, else the nearest
 * folder with `.deepforge/`): what broke is said on standard error, and the rest goes on.
 */
async function loadStartupExtensions(argv: readonly string[], io: CliIO): Promise<ExtensionLoadResult | undefined> {
    const command = argv.slice(2).find(arg => !arg.startsWith('-'));
    if (command !== undefined && LOADS_ITS_OWN_EXTENSIONS.has(command)) return undefined;
    const result = await loadExtensions(findProject());
    for (const problem of result.problems) io.err(`deepforge: ${problem.text}`);
    return result;
}

/** Runs the CLI on `process.argv`-style arguments; sets `process.exitCode`. Never throws for bad input. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
    let exitCode: number = ExitCode.ok;
    const extensions = await loadStartupExtensions(argv, io);
    const program = createProgram(io, code => { exitCode = code; }, { extensions });
    try {
        await program.parseAsync(argv);
    } catch (error) {
        if (error instanceof CommanderError) {
            // Help and version exit with 0; usage errors (already printed) with 2.
            exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
        } else if (error instanceof ExtensionRuntimeError) {
            // An extension's code failed: its message names it; the core has no stack to show.
            io.err(`deepforge: ${error.message}`);
            exitCode = ExitCode.usage;
        } else {
            io.err(`deepforge: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
            exitCode = ExitCode.usage;
        }
    }
    process.exitCode = exitCode;
    return exitCode;
}

/**
 * Runs a long command with Ctrl-C / SIGTERM turned into an abort signal (the command stops
 * cleanly and leaves its records consistent) and, on a terminal, the live view's writer.
 */
async function interruptible(
    io: CliIO, json: boolean | undefined,
    command: (context: { signal: AbortSignal; terminal?: { write(text: string): void; readonly columns: number } }) => Promise<number>
): Promise<number> {
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
        const terminal = io === processIO && process.stdout.isTTY && !json
            ? { write: (text: string) => { process.stdout.write(text); }, get columns() { return process.stdout.columns ?? 80; } }
            : undefined;
        return await command({ signal: controller.signal, terminal });
    } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
    }
}
