import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * An extension recorded in the project configuration (`.deepforge/config.json`, key
 * `extensions`): a folder, by its path relative to the project, or an npm package installed in
 * the project's `node_modules`.
 */
export interface ExtensionRecord {
    readonly name: string;
    /** The extension's folder, relative to the project (or absolute). */
    readonly path?: string;
    /** The npm package, installed in `<project>/node_modules`. */
    readonly package?: string;
}

/** The config key holding the records. */
export const EXTENSIONS_KEY = 'extensions';

function configPath(project: string): string {
    return path.join(project, '.deepforge', 'config.json');
}

function readConfigObject(project: string): Record<string, unknown> {
    const file = configPath(project);
    if (!existsSync(file)) return {};
    let data: unknown;
    try {
        data = JSON.parse(readFileSync(file, 'utf-8'));
    } catch (error) {
        throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error(`${file} must hold a JSON object`);
    return data as Record<string, unknown>;
}

/** The extensions recorded in the project's config (none when there is no config). Throws for a malformed list. */
export function readExtensionRecords(project: string): ExtensionRecord[] {
    const value = readConfigObject(project)[EXTENSIONS_KEY];
    if (value === undefined) return [];
    const file = configPath(project);
    if (!Array.isArray(value)) throw new Error(`${file}: "${EXTENSIONS_KEY}" must be a list of { "name", "path" | "package" }`);
    return value.map((entry, index) => {
        const record = entry as Record<string, unknown>;
        if (typeof record !== 'object' || record === null || typeof record.name !== 'string'
            || (typeof record.path !== 'string' && typeof record.package !== 'string')) {
            throw new Error(`${file}: "${EXTENSIONS_KEY}"[${index}] must be { "name", "path" | "package" }`);
        }
        return typeof record.path === 'string' ? { name: record.name, path: record.path } : { name: record.name, package: record.package as string };
    });
}

/** Replaces the project's extension list (the rest of the config is kept); written atomically. */
export function writeExtensionRecords(project: string, records: readonly ExtensionRecord[]): void {
    const config = readConfigObject(project);
    if (records.length === 0) delete config[EXTENSIONS_KEY];
    else config[EXTENSIONS_KEY] = records;
    const file = configPath(project);
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(config, null, 2) + '\n');
    renameSync(temporary, file);
}
