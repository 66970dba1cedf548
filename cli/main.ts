import { Argument, Command, CommanderError, Option } from 'commander';
import { runCheck } from './commands/check.js';
import { runExport } from './commands/export.js';
import { runGenerateJob } from './commands/generate-job.js';
import { runGenerate, type GenerateTarget } from './commands/generate.js';
import { runImport } from './commands/import.js';
import { runGraph } from './commands/graph.js';
import { runLsp } from './commands/lsp.js';
import { runSummary } from './commands/summary.js';
import { ExitCode, processIO, type CliIO } from './io.js';

/** The `deepforge` command line: thin commands over functions in `commands/`. */
export function createProgram(io: CliIO = processIO, setExitCode: (code: number) => void = code => { process.exitCode = code; }): Command {
    const program = new Command('deepforge')
        .description('DeepForge: Keras networks (.dfnn) and pipelines (.dfp), checked as you write them.')
        .configureOutput({ writeOut: text => io.out(text.trimEnd()), writeErr: text => io.err(text.trimEnd()) })
        .exitOverride()
        .showHelpAfterError();
    const format = () => new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');

    program.command('check')
        .description('check .dfnn and .dfp files (folders are searched) and the files they import')
        .argument('<paths...>', 'files or folders')
        .addOption(format())
        .action(async (paths: string[], options: { format: 'text' | 'json' }) => {
            setExitCode(await runCheck(paths, options, io));
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
        .description('generate Keras Python (keras) or Keras JSON (keras-json) for the networks of a .dfnn file, or the job bundle (job) of a .dfp pipeline')
        .addArgument(new Argument('<target>', 'what to generate').choices(['keras', 'keras-json', 'job']))
        .argument('<file>', 'a .dfnn file (a .dfp file for job)')
        .option('--network <name>', 'only this network')
        .option('--pipeline <name>', 'job: the pipeline (when the file has several)')
        .requiredOption('-o, --out <dir>', 'output folder')
        .action(async (target: GenerateTarget | 'job', file: string, options: { network?: string; pipeline?: string; out: string }) => {
            setExitCode(target === 'job' ? await runGenerateJob(file, options, io) : await runGenerate(target, file, options, io));
        });

    program.command('export')
        .description('export a pipeline as a runnable zip (the job bundle): static inputs are bundled, the others become arguments of main.py')
        .argument('<file>', 'a .dfp file')
        .option('--pipeline <name>', 'the pipeline (when the file has several)')
        .requiredOption('-o, --out <file>', 'the .zip file to write')
        .option('--static <input=path>', 'bundle this input (an Input step or artifact name, and a file); repeatable', (value: string, all: string[]) => [...all, value], [] as string[])
        .action(async (file: string, options: { pipeline?: string; out: string; static: string[] }) => {
            setExitCode(await runExport(file, options, io));
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
    return program;
}

/** Runs the CLI on `process.argv`-style arguments; sets `process.exitCode`. Never throws for bad input. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
    let exitCode: number = ExitCode.ok;
    const program = createProgram(io, code => { exitCode = code; });
    try {
        await program.parseAsync(argv);
    } catch (error) {
        if (error instanceof CommanderError) {
            // Help and version exit with 0; usage errors (already printed) with 2.
            exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
        } else {
            io.err(`deepforge: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
            exitCode = ExitCode.usage;
        }
    }
    process.exitCode = exitCode;
    return exitCode;
}
