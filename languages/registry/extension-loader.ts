import { existsSync, readFileSync, statSync } from 'node:fs';
import { register } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readMetamodelFile, type MetamodelFile } from '../../metamodel/core/metamodel-file.js';
import { BUILTIN_LANGUAGES } from '../builtin-languages.js';
import { createGenericLanguage } from '../model/generic-language.js';
import { isOperationCancelled } from 'langium';
import { GenerationProblem, type CommandContribution, type DomainLanguage, type GeneratorContribution, type LoweredDocument } from './domain-language.js';
import { checkExtensionShape, checkLanguageShape, type DataLanguageManifest, type DeepForgeExtension, type ExtensionManifest } from './extension.js';
import { readExtensionRecords, type ExtensionRecord } from './extension-records.js';
import { createStandaloneServices } from './extension-testing.js';

/** A loaded extension. */
export interface LoadedExtension {
    readonly name: string;
    readonly version: string;
    /** The extension's folder. */
    readonly root: string;
    readonly record: ExtensionRecord;
    readonly languages: readonly DomainLanguage<any>[];
    readonly commands: readonly CommandContribution[];
}

/** Why an extension (or one of its languages) was not loaded. */
export interface ExtensionProblem {
    /** The extension's name as recorded (or as found). */
    readonly extension: string;
    /** Where it was looked for. */
    readonly location: string;
    readonly message: string;
    /** `extension 'x' (path): message`, for people. */
    readonly text: string;
}

/** What {@link loadExtensions} found. */
export interface ExtensionLoadResult {
    /** The extensions that loaded (possibly with some of their languages left out: see `problems`). */
    readonly extensions: readonly LoadedExtension[];
    /** Every language of the loaded extensions, in the order of the config. */
    readonly languages: readonly DomainLanguage<any>[];
    /** Every command of the loaded extensions and their languages. */
    readonly commands: readonly CommandContribution[];
    readonly problems: readonly ExtensionProblem[];
}

/** What an extension must not take: the built-in languages' ids and file extensions, the core's commands. */
export interface ReservedNames {
    readonly languageIds?: readonly string[];
    readonly fileExtensions?: readonly string[];
    readonly commands?: readonly string[];
}

/** The built-in languages' ids and file extensions. */
export function builtInReserved(): Required<Pick<ReservedNames, 'languageIds' | 'fileExtensions'>> {
    return {
        languageIds: BUILTIN_LANGUAGES.map(language => language.id),
        fileExtensions: BUILTIN_LANGUAGES.flatMap(language => language.fileExtensions)
    };
}

export interface LoadOptions {
    readonly reserved?: ReservedNames;
    /**
     * Create each language's services once on its own so that a language that cannot be created
     * (a grammar that does not build, a module that throws) is reported instead of breaking the
     * registry (default true).
     */
    readonly probe?: boolean;
}

/** An error of an extension, said once with its name and where it is. */
export class ExtensionError extends Error {}

let coreRootCache: string | undefined;

/** The core's package folder (the one whose `package.json` is named `deepforge-ts`). */
export function coreRoot(): string {
    if (coreRootCache) return coreRootCache;
    let folder = path.dirname(fileURLToPath(import.meta.url));
    for (;;) {
        const manifest = path.join(folder, 'package.json');
        if (existsSync(manifest)) {
            try {
                if (JSON.parse(readFileSync(manifest, 'utf-8')).name === 'deepforge-ts') return coreRootCache = folder;
            } catch { /* not ours */ }
        }
        const parent = path.dirname(folder);
        if (parent === folder) throw new Error(`cannot find the DeepForge package above ${fileURLToPath(import.meta.url)}`);
        folder = parent;
    }
}

let hooksInstalled = false;

/**
 * Installs the resolve hooks that map `deepforge-ts`, Langium, the LSP packages, `vscode-uri` and
 * Chevrotain to the core's copies (once per process). Needs the built core (`out/`).
 */
export function installExtensionResolveHooks(): void {
    if (hooksInstalled) return;
    const root = coreRoot();
    const hooks = path.join(root, 'out', 'languages', 'registry', 'extension-resolve-hooks.js');
    const api = path.join(root, 'out', 'languages', 'registry', 'extension-api.js');
    if (!existsSync(hooks) || !existsSync(api)) throw new ExtensionError(`the DeepForge core is not built (${path.relative(process.cwd(), api) || api} is missing): run \`npm run build\` in ${root}`);
    register(pathToFileURL(hooks), { data: { api: pathToFileURL(api).href, core: pathToFileURL(path.join(root, 'package.json')).href } });
    hooksInstalled = true;
}

/** The folder of a recorded extension: its path relative to the project, or the npm package in the project's `node_modules`. */
export function extensionFolder(project: string, record: ExtensionRecord): string {
    if (record.path !== undefined) return path.resolve(project, record.path);
    return path.join(project, 'node_modules', ...(record.package ?? record.name).split('/'));
}

/** An extension's package.json, checked: its name, version and `deepforge` field. */
export interface ExtensionPackage {
    readonly name: string;
    readonly version: string;
    readonly manifest: ExtensionManifest;
    readonly root: string;
}

/** Reads and checks an extension folder's `package.json`; throws {@link ExtensionError} saying what is wrong. */
export function readExtensionPackage(root: string): ExtensionPackage {
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new ExtensionError(`no such folder`);
    const file = path.join(root, 'package.json');
    if (!existsSync(file)) throw new ExtensionError(`no package.json in the folder`);
    let data: Record<string, unknown>;
    try {
        data = JSON.parse(readFileSync(file, 'utf-8'));
    } catch (error) {
        throw new ExtensionError(`package.json is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ExtensionError('package.json must hold a JSON object');
    if (typeof data.name !== 'string' || data.name === '') throw new ExtensionError('package.json has no "name"');
    const manifest = data.deepforge as Record<string, unknown> | undefined;
    if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
        throw new ExtensionError('package.json has no "deepforge" field (an object with "extension": "./out/index.js" and/or "languages": [...])');
    }
    if (manifest.extension === undefined && manifest.languages === undefined) throw new ExtensionError('the "deepforge" field of package.json names neither an "extension" module nor "languages"');
    if (manifest.extension !== undefined && (typeof manifest.extension !== 'string' || manifest.extension === '')) throw new ExtensionError('"deepforge.extension" must be the path of the entry module, e.g. "./out/index.js"');
    if (typeof manifest.extension === 'string') insideFolder(root, manifest.extension, '"deepforge.extension"');
    if (manifest.languages !== undefined) {
        if (!Array.isArray(manifest.languages)) throw new ExtensionError('"deepforge.languages" must be an array');
        for (const [index, language] of (manifest.languages as unknown[]).entries()) {
            const where = `"deepforge.languages"[${index}]`;
            const entry = language as Record<string, unknown>;
            if (typeof entry !== 'object' || entry === null) throw new ExtensionError(`${where} must be an object { id, title, fileExtensions, metamodel }`);
            for (const key of ['id', 'title', 'metamodel'] as const) {
                if (typeof entry[key] !== 'string' || entry[key] === '') throw new ExtensionError(`${where} needs "${key}" (a string)`);
            }
            if (!Array.isArray(entry.fileExtensions) || entry.fileExtensions.length === 0 || entry.fileExtensions.some(e => typeof e !== 'string' || !e.startsWith('.'))) {
                throw new ExtensionError(`${where}: "fileExtensions" must be a non-empty array like [".abc"]`);
            }
            insideFolder(root, entry.metamodel as string, `${where}.metamodel`);
        }
    }
    return { name: data.name, version: typeof data.version === 'string' ? data.version : '0.0.0', manifest: manifest as ExtensionManifest, root };
}

/** A path of the package's manifest, resolved; it must stay inside the package folder. */
function insideFolder(root: string, relative: string, what: string): string {
    const resolved = path.resolve(root, relative);
    const back = path.relative(root, resolved);
    if (back.startsWith('..') || path.isAbsolute(back)) throw new ExtensionError(`${what} (${relative}) points outside the extension's folder`);
    return resolved;
}

/** Loads one extension folder: its entry module and its data-only languages. Throws {@link ExtensionError}. */
export async function loadExtensionFolder(root: string): Promise<{ package: ExtensionPackage; extension: DeepForgeExtension }> {
    const pkg = readExtensionPackage(root);
    const languages: DomainLanguage<any>[] = [];
    const commands: CommandContribution[] = [];
    let name = pkg.name;
    if (pkg.manifest.extension !== undefined) {
        const entry = path.resolve(root, pkg.manifest.extension);
        if (!existsSync(entry)) {
            throw new ExtensionError(`its entry module ${pkg.manifest.extension} does not exist` + (existsSync(path.join(root, 'src')) ? ' — build the extension first (`deepforge extensions build <folder>`)' : ''));
        }
        installExtensionResolveHooks();
        let module: Record<string, unknown>;
        try {
            // Node's loader with the hooks above (under vitest, its module runner with the `deepforge-ts` alias of vitest.config.ts).
            module = await import(/* @vite-ignore */ pathToFileURL(entry).href) as Record<string, unknown>;
        } catch (error) {
            throw new ExtensionError(`loading ${pkg.manifest.extension} failed: ${firstLine(error)}`);
        }
        const exported = module.default;
        const shape = checkExtensionShape(exported);
        if (shape) throw new ExtensionError(`${pkg.manifest.extension}: ${shape}`);
        const extension = exported as DeepForgeExtension;
        name = extension.name;
        languages.push(...(extension.languages ?? []));
        commands.push(...(extension.commands ?? []));
    }
    for (const data of pkg.manifest.languages ?? []) languages.push(dataLanguage(root, data));
    return { package: pkg, extension: { name, languages, commands } };
}

/** A data-only language: the metamodel file with the core's generic model syntax. */
function dataLanguage(root: string, data: DataLanguageManifest): DomainLanguage<any> {
    const metamodelPath = path.resolve(root, data.metamodel);
    if (!existsSync(metamodelPath)) throw new ExtensionError(`language '${data.id}': its metamodel file ${data.metamodel} does not exist`);
    let metamodel: MetamodelFile;
    try {
        metamodel = readMetamodelFile(metamodelPath);
    } catch (error) {
        // The message says file:line:column already.
        throw new ExtensionError(`language '${data.id}': ${error instanceof Error ? error.message : String(error)}`);
    }
    return createGenericLanguage({ id: data.id, title: data.title, fileExtensions: data.fileExtensions, metamodel, metamodelPath });
}

/** An error's message on one line: its lines joined (a parser's definition errors come on the lines after the first), at most 400 characters. */
function firstLine(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    const text = message.split('\n').map(line => line.trim()).filter(line => line !== '').join(' ');
    return text.length > 400 ? `${text.slice(0, 399)}…` : text;
}

function describe(project: string, location: string): string {
    const relative = path.relative(project, location);
    return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? location : relative;
}

/**
 * Loads the extensions recorded in a project's `.deepforge/config.json` (key `extensions`).
 * Never throws for a broken extension: each problem becomes an {@link ExtensionProblem}
 * (`extension 'x' (path): …`) and the rest — the built-in languages included — keeps working.
 */
export async function loadExtensions(project: string, options: LoadOptions = {}): Promise<ExtensionLoadResult> {
    const problems: ExtensionProblem[] = [];
    const problem = (extension: string, location: string, message: string) => {
        problems.push({ extension, location, message, text: `extension '${extension}' (${location}): ${message}` });
    };
    let records: readonly ExtensionRecord[];
    try {
        records = readExtensionRecords(project);
    } catch (error) {
        problem('*', describe(project, path.join(project, '.deepforge', 'config.json')), firstLine(error));
        return { extensions: [], languages: [], commands: [], problems };
    }
    return loadExtensionRecords(project, records, options, problems);
}

/** Loads the given records (see {@link loadExtensions}), adding to `problems`. */
export async function loadExtensionRecords(project: string, records: readonly ExtensionRecord[], options: LoadOptions = {}, problems: ExtensionProblem[] = []): Promise<ExtensionLoadResult> {
    const problem = (extension: string, location: string, message: string) => {
        problems.push({ extension, location, message, text: `extension '${extension}' (${location}): ${message}` });
    };
    const reserved = options.reserved ?? {};
    const builtIn = builtInReserved();
    const languageIds = new Map<string, string>((reserved.languageIds ?? builtIn.languageIds).map(id => [id, 'a built-in language']));
    const fileExtensions = new Map<string, string>((reserved.fileExtensions ?? builtIn.fileExtensions).map(ext => [ext, 'a built-in language']));
    const commandNames = new Map<string, string>((reserved.commands ?? []).map(name => [name, 'a core command']));
    const extensions: LoadedExtension[] = [];
    const names = new Set<string>();
    for (const record of records) {
        const root = extensionFolder(project, record);
        const location = record.path !== undefined ? record.path : `npm package ${record.package ?? record.name}`;
        let loaded: Awaited<ReturnType<typeof loadExtensionFolder>>;
        try {
            loaded = await loadExtensionFolder(root);
        } catch (error) {
            problem(record.name, location, error instanceof ExtensionError ? error.message : `failed: ${firstLine(error)}`);
            continue;
        }
        if (names.has(loaded.extension.name)) {
            problem(record.name, location, `another extension is already named '${loaded.extension.name}'`);
            continue;
        }
        names.add(loaded.extension.name);
        const languages: DomainLanguage<any>[] = [];
        for (const language of loaded.extension.languages ?? []) {
            const shape = checkLanguageShape(language);
            const clash = shape ?? (languageIds.has(language.id)
                ? `language id '${language.id}' is already taken by ${languageIds.get(language.id)}`
                : language.fileExtensions.filter(ext => fileExtensions.has(ext)).map(ext => `file extension ${ext} of language '${language.id}' is already taken by ${fileExtensions.get(ext)}`)[0]);
            if (clash) {
                problem(record.name, location, `${clash}; the language is not loaded`);
                continue;
            }
            if (options.probe !== false) {
                try {
                    createStandaloneServices([language]);
                } catch (error) {
                    problem(record.name, location, `language '${language.id}' cannot be created: ${firstLine(error)}; the language is not loaded`);
                    continue;
                }
            }
            languageIds.set(language.id, `language '${language.id}' of extension '${loaded.extension.name}'`);
            for (const ext of language.fileExtensions) fileExtensions.set(ext, `language '${language.id}' of extension '${loaded.extension.name}'`);
            languages.push(guardLanguage(language, `extension '${loaded.extension.name}' (${location})`));
        }
        const commands: CommandContribution[] = [];
        for (const command of [...(loaded.extension.commands ?? []), ...languages.flatMap(language => language.commands ?? [])]) {
            const owner = commandNames.get(command.name);
            if (owner) {
                problem(record.name, location, `command '${command.name}' is already taken by ${owner}; the command is not added`);
                continue;
            }
            commandNames.set(command.name, `extension '${loaded.extension.name}'`);
            commands.push(command);
        }
        extensions.push({ name: loaded.extension.name, version: loaded.package.version, root, record, languages, commands });
    }
    return {
        extensions,
        languages: extensions.flatMap(extension => extension.languages),
        commands: extensions.flatMap(extension => extension.commands),
        problems
    };
}

/** A copy of an object to override members on: a plain copy of a plain object, else an object inheriting from it (class instances keep their methods). */
function overridable<T extends object>(value: T): T {
    return Object.getPrototypeOf(value) === Object.prototype ? { ...value } : Object.create(value) as T;
}

/** An extension's code failed while the core ran it (its lowering): said with the extension's name, without a stack trace. */
export class ExtensionRuntimeError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'ExtensionRuntimeError';
    }
}

/**
 * An extension's language whose failures name the extension: a lowering that throws becomes an
 * {@link ExtensionRuntimeError} (`deepforge: extension 'x' (path): language 'y' failed to lower
 * FILE: …`, exit 2, no stack trace), a generator that throws a generation problem naming the
 * extension (printed, exit 2).
 */
export function guardLanguage(language: DomainLanguage<any>, where: string): DomainLanguage<any> {
    const guarded = overridable(language) as { -readonly [K in keyof DomainLanguage<any>]: DomainLanguage<any>[K] };
    guarded.lower = (services, document): LoweredDocument => {
        try {
            return language.lower.call(language, services, document);
        } catch (error) {
            if (isOperationCancelled(error) || error instanceof ExtensionRuntimeError) throw error;
            const file = document.uri.scheme === 'file' ? path.relative(process.cwd(), document.uri.fsPath) || document.uri.fsPath : document.uri.toString();
            throw new ExtensionRuntimeError(`${where}: language '${language.id}' failed to lower ${file}: ${firstLine(error)}`);
        }
    };
    if (language.generators) {
        guarded.generators = language.generators.map((generator: GeneratorContribution<any>) => {
            const safe = overridable(generator) as { -readonly [K in keyof GeneratorContribution<any>]: GeneratorContribution<any>[K] };
            safe.generate = async context => {
                try {
                    return await generator.generate.call(generator, context);
                } catch (error) {
                    if (error instanceof GenerationProblem || error instanceof ExtensionRuntimeError) throw error;
                    throw new GenerationProblem(`${where}: generator '${generator.id}' failed: ${firstLine(error)}`);
                }
            };
            return safe;
        });
    }
    return guarded;
}
