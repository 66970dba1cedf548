import * as path from 'node:path';
import type { Command } from 'commander';
import {
    ExecutionError, findProject, runPipeline, Store, type CommandContext, type CommandContribution, type DomainLanguage,
    type EngineEvent, type ExecutionRecord
} from 'deepforge-ts';
import type { Sweep } from '../generated/ast.js';
import { describeConfiguration, expand, overridesOf, type Configuration } from '../plan/configurations.js';
import { sweepPlan, sweepsOf, type SweepPlan } from '../plan/sweep-plan.js';
import type { SweepServices } from '../sweep-module.js';
import { readSweepRecord, SweepRecordError, writeSweepRecord, type SweepRecord, type SweepRunRecord } from './sweep-record.js';
import { buildReport, formatReport } from './sweep-report.js';
import { formatFileDiagnostic, loadSweepWorkspace, SweepFileError } from './sweep-workspace.js';

/** Exit codes, as the core's: 1 errors in the input or a failed run, 2 bad usage. */
const EXIT_ERRORS = 1;
const EXIT_USAGE = 2;
const EXIT_CANCELLED = 130;
const FINISHED = new Set(['succeeded', 'failed', 'cancelled', 'cached']);

export interface SweepRunOptions {
    readonly sweep?: string;
    readonly compute?: string;
    readonly storage?: string;
    readonly seed?: string;
    readonly project?: string;
    /** Print the configurations; run nothing. */
    readonly dryRun?: boolean;
    /** Aborting stops the running execution and starts no further one. */
    readonly signal?: AbortSignal;
    readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface SweepReportOptions {
    readonly sweep?: string;
    readonly format?: string;
    readonly project?: string;
}

/** The loaded, error-free sweeps of a file (those named by `--sweep`); a number is the exit code after printing why. */
async function checkedSweeps(file: string, name: string | undefined, language: DomainLanguage<SweepServices>, context: CommandContext, refused: string): Promise<{ sweeps: Sweep[]; services: SweepServices } | number> {
    let workspace;
    try {
        workspace = await loadSweepWorkspace(file, language);
    } catch (error) {
        if (error instanceof SweepFileError) {
            context.err(`deepforge: ${error.message}`);
            return EXIT_USAGE;
        }
        throw error;
    }
    const errors = workspace.diagnostics.filter(d => d.severity === 'error');
    for (const diagnostic of errors) context.err(formatFileDiagnostic(diagnostic));
    if (errors.length > 0) {
        context.err(`deepforge: ${refused}: ${errors.length} error${errors.length === 1 ? '' : 's'}.`);
        return EXIT_ERRORS;
    }
    const all = sweepsOf(workspace.document);
    const sweeps = name ? all.filter(s => s.name === name) : all;
    if (sweeps.length === 0) {
        context.err(name ? `deepforge: no sweep \`${name}\` in ${file}` + (all.length ? ` (it has ${all.map(s => `\`${s.name}\``).join(', ')})` : '') : `deepforge: ${file} declares no sweep`);
        return EXIT_USAGE;
    }
    return { sweeps, services: workspace.services.language<SweepServices>(language.id) };
}

function projectOf(options: { project?: string }, env: Readonly<Record<string, string | undefined>>): string {
    return path.resolve(options.project ?? findProject(process.cwd(), env));
}

const valueOf = (configuration: Configuration) => Object.fromEntries(configuration.assignments.map(a => [`${a.step}.${a.attribute}`, a.value.value]));

/**
 * `deepforge sweep run FILE`: expands each sweep of the file (or `--sweep NAME`) into its
 * configurations and runs one execution of the pipeline per configuration, one after the other,
 * through the execution engine with the configuration as attribute overrides (as `deepforge run
 * --set step.attr=value`). Executions are named `<sweep>-<n>`; `.deepforge/sweeps/<sweep>.json`
 * records which execution ran which configuration. A failed execution does not stop the sweep.
 */
export async function runSweep(file: string, options: SweepRunOptions, language: DomainLanguage<SweepServices>, context: CommandContext): Promise<number> {
    const env = options.env ?? process.env;
    const checked = await checkedSweeps(file, options.sweep, language, context, 'nothing was run');
    if (typeof checked === 'number') return checked;
    let project: string;
    let seed: number | undefined;
    try {
        project = projectOf(options, env);
        if (options.seed !== undefined) {
            seed = Number(options.seed);
            if (!Number.isInteger(seed) || seed < 0) throw new ExecutionError(`--seed takes a whole number ≥ 0, not ${JSON.stringify(options.seed)}`);
        }
    } catch (error) {
        context.err(`deepforge: ${(error as Error).message}`);
        return EXIT_USAGE;
    }
    let failed = 0;
    for (const sweep of checked.sweeps) {
        const plan = sweepPlan(sweep, checked.services.references.PipelineIndex);
        const configurations = expand(plan);
        context.out(`sweep ${plan.name} over ${plan.pipeline}: ${configurations.length} configuration${configurations.length === 1 ? '' : 's'} (${describeStrategy(plan)})`);
        if (options.dryRun) {
            for (const configuration of configurations) context.out(`  ${configuration.index}. ${describeConfiguration(configuration)}`);
            continue;
        }
        const record: SweepRecord = {
            format: 'deepforge-sweep', version: 1, name: plan.name,
            source: path.relative(project, path.resolve(file)), pipeline: plan.pipeline, pipelineFile: path.relative(project, plan.pipelineFile),
            strategy: plan.strategy, ...(plan.objective ? { objective: plan.objective } : {}),
            started: new Date().toISOString(),
            runs: configurations.map((c): SweepRunRecord => ({ index: c.index, values: valueOf(c), set: overridesOf(c), status: 'pending' }))
        };
        writeSweepRecord(project, record);
        for (const [i, configuration] of configurations.entries()) {
            const run = record.runs[i];
            if (options.signal?.aborted) {
                run.status = 'not-started';
                continue;
            }
            context.out(`[${configuration.index}/${configurations.length}] ${describeConfiguration(configuration)}`);
            run.status = 'running';
            writeSweepRecord(project, record);
            const onEvent = (event: EngineEvent) => {
                if (event.type === 'execution' && event.status === 'running' && !run.execution) {
                    run.execution = event.name;
                    writeSweepRecord(project, record);
                }
                // One line per finished step: a long sweep shows that it moves.
                if (event.type === 'step' && FINISHED.has(event.status)) {
                    context.out(`      ${event.step} ${event.status}${event.seconds !== undefined && event.status !== 'cached' ? ` in ${event.seconds.toFixed(1)} s` : ''}`);
                }
            };
            try {
                const result = await runPipeline({
                    project, file: plan.pipelineFile, pipeline: plan.pipeline, name: `${plan.name}-${configuration.index}`,
                    set: run.set, compute: options.compute, storage: options.storage, seed, env, onEvent, signal: options.signal
                });
                run.execution = result.record.name;
                run.status = result.record.status === 'running' ? 'running' : result.record.status;
                run.seconds = result.record.seconds;
                if (result.record.error) run.error = result.record.error;
                context.out(`      execution ${result.record.name}: ${result.record.status} in ${(result.record.seconds ?? 0).toFixed(1)} s${metricsLine(result.record)}`);
                if (result.record.status !== 'succeeded') {
                    failed++;
                    if (result.record.error) context.err(`deepforge: ${plan.name} configuration ${configuration.index}: ${result.record.error}`);
                }
            } catch (error) {
                // A problem before anything ran (storage unreachable, bad compute): the rest would fail alike.
                run.status = 'failed';
                run.error = (error as Error).message;
                for (const rest of record.runs.slice(i + 1)) rest.status = 'not-started';
                record.ended = new Date().toISOString();
                writeSweepRecord(project, record);
                context.err(`deepforge: ${plan.name} configuration ${configuration.index}: ${(error as Error).message}`);
                return EXIT_USAGE;
            }
            writeSweepRecord(project, record);
        }
        record.ended = new Date().toISOString();
        writeSweepRecord(project, record);
        context.out(`sweep ${plan.name}: ${record.runs.filter(r => r.status === 'succeeded').length} of ${record.runs.length} succeeded; compare them with: deepforge sweep report ${file}${options.sweep ? ` --sweep ${plan.name}` : ''}`);
    }
    if (options.signal?.aborted) return EXIT_CANCELLED;
    return failed > 0 ? EXIT_ERRORS : 0;
}

function describeStrategy(plan: SweepPlan): string {
    return plan.strategy.kind === 'random' ? `random, ${plan.strategy.samples} samples, seed ${plan.strategy.seed}` : 'grid';
}

function metricsLine(record: ExecutionRecord): string {
    const metrics = record.order.flatMap(id => record.steps[id].metrics.filter(m => m.index === undefined).map(m => `${m.name} = ${typeof m.value === 'number' ? Number(m.value.toPrecision(6)) : m.value}`));
    return metrics.length ? ` (${metrics.join(', ')})` : '';
}

/**
 * `deepforge sweep report FILE`: the executions of the last run of each sweep of the file (or
 * `--sweep NAME`) side by side — configuration, status, duration, metrics — best first by the
 * sweep's objective; `--format json` for tools.
 */
export async function reportSweep(file: string, options: SweepReportOptions, language: DomainLanguage<SweepServices>, context: CommandContext): Promise<number> {
    const format = options.format ?? 'table';
    if (format !== 'table' && format !== 'json') {
        context.err(`deepforge: --format takes table or json, not ${JSON.stringify(format)}`);
        return EXIT_USAGE;
    }
    const checked = await checkedSweeps(file, options.sweep, language, context, 'no report');
    if (typeof checked === 'number') return checked;
    try {
        const project = projectOf(options, process.env);
        const store = new Store(project);
        const reports = checked.sweeps.map(sweep => {
            const plan = sweepPlan(sweep, checked.services.references.PipelineIndex);
            const record = readSweepRecord(project, plan.name);
            const executions = new Map<string, ExecutionRecord | undefined>();
            for (const run of record.runs) {
                if (!run.execution) continue;
                try {
                    executions.set(run.execution, store.readExecution(run.execution));
                } catch {
                    executions.set(run.execution, undefined); // removed since (deepforge executions rm)
                }
            }
            return buildReport(record, executions, plan.objective);
        });
        if (format === 'json') context.out(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
        else for (const [i, report] of reports.entries()) {
            if (i > 0) context.out('');
            for (const line of formatReport(report)) context.out(line);
        }
        return 0;
    } catch (error) {
        if (error instanceof SweepRecordError || error instanceof ExecutionError || (error as Error).name === 'ConfigError') {
            context.err(`deepforge: ${(error as Error).message}`);
            return EXIT_USAGE;
        }
        throw error;
    }
}

/** `deepforge sweep run|report`. */
export function sweepCommand(language: DomainLanguage<SweepServices>): CommandContribution {
    return {
        name: 'sweep',
        register(program: Command, context: CommandContext) {
            const sweep = program.command('sweep').description('hyperparameter sweeps over pipelines (.sweep files)');
            sweep.command('run')
                .description('run one execution of the pipeline per configuration of a sweep, one after the other')
                .argument('<file>', 'a .sweep file')
                .option('--sweep <name>', 'the sweep to run (default: every sweep of the file)')
                .option('--compute <kind>', 'where steps run (config `compute`, default local)')
                .option('--storage <kind>', 'where outputs are stored (config `storage`)')
                .option('--seed <n>', 'seed Python, numpy and Keras before each step')
                .option('--dry-run', 'print the configurations; run nothing')
                .option('--project <dir>', 'the project folder')
                .action(async (file: string, options: SweepRunOptions) => {
                    const controller = new AbortController();
                    const stop = () => controller.abort();
                    process.once('SIGINT', stop);
                    process.once('SIGTERM', stop);
                    try {
                        context.setExitCode(await runSweep(file, { ...options, signal: controller.signal }, language, context));
                    } finally {
                        process.off('SIGINT', stop);
                        process.off('SIGTERM', stop);
                    }
                });
            sweep.command('report')
                .description('compare the executions of a sweep: configuration, status, duration, metrics, best first')
                .argument('<file>', 'a .sweep file')
                .option('--sweep <name>', 'the sweep to report (default: every sweep of the file)')
                .option('--format <format>', 'table or json', 'table')
                .option('--project <dir>', 'the project folder')
                .action(async (file: string, options: SweepReportOptions) => {
                    context.setExitCode(await reportSweep(file, options, language, context));
                });
        }
    };
}
