import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { findProject } from '../../server/execution/config.js';
import { buildExtension, ExtensionBuildError, testExtension } from '../../languages/registry/extension-build.js';
import {
    ExtensionError, extensionFolder, loadExtensionRecords, readExtensionPackage, type ExtensionLoadResult, type ReservedNames
} from '../../languages/registry/extension-loader.js';
import { readExtensionRecords, writeExtensionRecords, type ExtensionRecord } from '../../languages/registry/extension-records.js';
import { scaffoldFiles, scaffoldNames } from '../extensions/scaffold.js';
import { displayPath } from '../format/diagnostics.js';
import { ExitCode, type CliIO } from '../io.js';

/** Options of `deepforge extensions`. */
export interface ExtensionsOptions {
    readonly project?: string;
    readonly dir?: string;
    readonly json?: boolean;
    /** What an extension must not take (the core's commands); set by the CLI. */
    readonly reserved?: ReservedNames;
}

/** `deepforge extensions add|list|remove|init|build|test`. */
export async function runExtensions(action: string, args: readonly string[], options: ExtensionsOptions, io: CliIO): Promise<number> {
    try {
        switch (action) {
            case 'add': return await addExtension(one(args, 'add <folder | npm package>'), options, io);
            case 'list': return await listExtensions(options, io);
            case 'remove': return await removeExtension(one(args, 'remove <name>'), options, io);
            case 'init': return initExtension(one(args, 'init <name>'), options, io);
            case 'build': {
                await buildExtension(one(args, 'build <folder>'), io);
                io.out(`built ${displayPath(path.resolve(args[0]))}`);
                return ExitCode.ok;
            }
            case 'test': {
                const code = await testExtension(one(args, 'test <folder>'), io);
                return code === 0 ? ExitCode.ok : ExitCode.errors;
            }
            default: throw new UsageError(`unknown action ${action} (add, list, remove, init, build, test)`);
        }
    } catch (error) {
        if (error instanceof UsageError || error instanceof ExtensionBuildError || error instanceof ExtensionError) {
            io.err(`deepforge extensions ${action}: ${error.message}`);
            // A broken extension or a failed build step: 1; bad usage (a wrong name, no such folder): 2.
            const broken = error instanceof ExtensionError || (error instanceof ExtensionBuildError && /failed/.test(error.message));
            return broken ? ExitCode.errors : ExitCode.usage;
        }
        throw error;
    }
}

class UsageError extends Error {}

function one(args: readonly string[], usage: string): string {
    if (args.length !== 1) throw new UsageError(`usage: deepforge extensions ${usage}`);
    return args[0];
}

function projectOf(options: ExtensionsOptions): string {
    return path.resolve(options.project ?? findProject());
}

function records(project: string): ExtensionRecord[] {
    try {
        return readExtensionRecords(project);
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
}

/** Loads one record alongside the others, and says what is wrong with it, if anything. */
async function problemsOf(project: string, record: ExtensionRecord, others: readonly ExtensionRecord[], options: ExtensionsOptions): Promise<string[]> {
    const result = await loadExtensionRecords(project, [...others, record], { reserved: options.reserved });
    return result.problems.filter(problem => problem.extension === record.name || problem.extension === '*').map(problem => problem.message);
}

async function addExtension(source: string, options: ExtensionsOptions, io: CliIO): Promise<number> {
    const project = projectOf(options);
    const existing = records(project);
    const local = path.resolve(source);
    let record: ExtensionRecord;
    if (existsSync(local) && statSync(local).isDirectory()) {
        let name: string;
        try {
            name = readExtensionPackage(local).name;
        } catch (error) {
            if (error instanceof ExtensionError) throw new ExtensionError(`${displayPath(local)}: ${error.message}`);
            throw error;
        }
        const relative = path.relative(project, local) || '.';
        record = { name, path: relative.startsWith('..') || path.isAbsolute(relative) ? relative : `./${relative}` };
    } else {
        if (existsSync(local) === false && /^[./]/.test(source)) throw new UsageError(`${source}: no such folder`);
        const name = await npmInstall(project, source, io);
        if (name === undefined) return ExitCode.usage;
        record = { name, package: name };
    }
    const others = existing.filter(other => other.name !== record.name);
    const problems = await problemsOf(project, record, others, options);
    if (problems.length > 0) {
        io.err(`deepforge extensions add: extension '${record.name}' (${record.path ?? `npm package ${record.package}`}) is not added:`);
        for (const problem of problems) io.err(`  ${problem}`);
        return ExitCode.errors;
    }
    const replaced = others.length !== existing.length;
    writeExtensionRecords(project, [...others, record]);
    const loaded = await loadExtensionRecords(project, [record], { reserved: options.reserved });
    const languages = loaded.languages.map(language => `${language.id} (${language.fileExtensions.join(', ')})`).join(', ') || 'no languages';
    io.out(`${replaced ? 'updated' : 'added'} extension ${record.name}: ${languages} — recorded in ${displayPath(path.join(project, '.deepforge', 'config.json'))}`);
    return ExitCode.ok;
}

/** `npm install SPEC` in the project; the installed package's name, or undefined (said) when npm failed. */
async function npmInstall(project: string, spec: string, io: CliIO): Promise<string | undefined> {
    const before = dependencies(project);
    io.out(`npm install ${spec} (in ${displayPath(project)})`);
    const code = await npm(['install', '--no-audit', '--no-fund', spec], project, io);
    if (code !== 0) {
        io.err(`deepforge extensions add: npm install ${spec} failed (exit code ${code}); a folder is added by its path (./my-extension)`);
        return undefined;
    }
    const added = Object.keys(dependencies(project)).filter(name => before[name] === undefined);
    const named = /^(@[^/@]+\/[^@]+|[^@/][^@]*)(@.*)?$/.exec(spec)?.[1];
    const name = added.length === 1 ? added[0] : named;
    if (!name || !existsSync(extensionFolder(project, { name, package: name }))) {
        io.err(`deepforge extensions add: cannot tell which package npm installed for ${spec}`);
        return undefined;
    }
    return name;
}

function dependencies(project: string): Record<string, string> {
    try {
        return JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf-8')).dependencies ?? {};
    } catch {
        return {};
    }
}

function npm(args: readonly string[], cwd: string, io: CliIO): Promise<number> {
    return new Promise(resolve => {
        const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.on('data', (chunk: Buffer) => { for (const line of chunk.toString().split('\n')) if (line.trim()) io.out(`  ${line}`); });
        child.stderr.on('data', (chunk: Buffer) => { for (const line of chunk.toString().split('\n')) if (line.trim()) io.err(`  ${line}`); });
        child.on('error', error => { io.err(`deepforge extensions: could not run npm: ${error.message}`); resolve(127); });
        child.on('close', code => resolve(code ?? 1));
    });
}

/** One row of `deepforge extensions list`. */
export interface ExtensionListing {
    readonly name: string;
    readonly version?: string;
    readonly source: string;
    readonly languages: ReadonlyArray<{ readonly id: string; readonly fileExtensions: readonly string[] }>;
    readonly commands: readonly string[];
    readonly status: 'ok' | 'broken';
    readonly problems: readonly string[];
}

/** The recorded extensions with what loaded and what did not. */
export function listingOf(recorded: readonly ExtensionRecord[], result: ExtensionLoadResult): ExtensionListing[] {
    return recorded.map(record => {
        const loaded = result.extensions.find(extension => extension.record === record);
        const problems = result.problems.filter(problem => problem.extension === record.name).map(problem => problem.message);
        return {
            name: record.name,
            version: loaded?.version,
            source: record.path ?? `npm:${record.package}`,
            languages: (loaded?.languages ?? []).map(language => ({ id: language.id, fileExtensions: [...language.fileExtensions] })),
            commands: (loaded?.commands ?? []).map(command => command.name),
            status: loaded && problems.length === 0 ? 'ok' : 'broken',
            problems
        };
    });
}

async function listExtensions(options: ExtensionsOptions, io: CliIO): Promise<number> {
    const project = projectOf(options);
    const recorded = records(project);
    const result = await loadExtensionRecords(project, recorded, { reserved: options.reserved });
    const listing = listingOf(recorded, result);
    if (options.json) {
        io.out(JSON.stringify(listing, null, 2));
    } else if (listing.length === 0) {
        io.out(`no extensions (add one: deepforge extensions add <folder | npm package>)`);
    } else {
        for (const row of listing) {
            const languages = row.languages.map(language => `${language.id} (${language.fileExtensions.join(', ')})`).join(', ') || '-';
            io.out(`${row.name} ${row.version ?? '?'}  ${row.source}  languages: ${languages}${row.commands.length ? `  commands: ${row.commands.join(', ')}` : ''}  ${row.status}`);
            for (const problem of row.problems) io.out(`    broken: ${problem}`);
        }
    }
    return listing.some(row => row.status === 'broken') ? ExitCode.errors : ExitCode.ok;
}

async function removeExtension(name: string, options: ExtensionsOptions, io: CliIO): Promise<number> {
    const project = projectOf(options);
    const existing = records(project);
    const record = existing.find(candidate => candidate.name === name);
    if (!record) {
        throw new UsageError(`no extension named ${name} (recorded: ${existing.map(r => r.name).join(', ') || 'none'})`);
    }
    writeExtensionRecords(project, existing.filter(candidate => candidate !== record));
    if (record.package !== undefined) {
        const code = await npm(['uninstall', '--no-audit', '--no-fund', record.package], project, io);
        if (code !== 0) io.err(`deepforge extensions remove: npm uninstall ${record.package} failed (exit code ${code}); the extension is no longer loaded`);
    }
    io.out(`removed extension ${name}`);
    return ExitCode.ok;
}

function initExtension(name: string, options: ExtensionsOptions, io: CliIO): number {
    let names;
    try {
        names = scaffoldNames(name);
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    const folder = path.resolve(options.dir ?? name);
    if (existsSync(folder) && (!statSync(folder).isDirectory() || readdirSync(folder).length > 0)) {
        throw new UsageError(`${displayPath(folder)} already exists and is not an empty folder`);
    }
    for (const [file, content] of scaffoldFiles(names)) {
        const target = path.join(folder, file);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, content);
    }
    const shown = displayPath(folder);
    io.out(`created extension ${name} in ${shown}: the ${names.id} language (.${names.id} files)`);
    io.out(`next: deepforge extensions build ${shown} && deepforge extensions test ${shown} && deepforge extensions add ${shown}`);
    return ExitCode.ok;
}
