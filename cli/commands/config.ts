import * as path from 'node:path';
import { EXTENSIONS_KEY, readExtensionRecords, type ExtensionRecord } from '../../languages/registry/extension-records.js';
import { CONFIG_KEYS, ConfigError, configFile, findProject, ProjectConfig, writeConfigValue } from '../../server/execution/config.js';
import { displayPath } from '../format/diagnostics.js';
import { ExitCode, type CliIO } from '../io.js';

export interface ConfigOptions {
    readonly project?: string;
    readonly unset?: boolean;
    readonly json?: boolean;
}

/**
 * `deepforge config [key] [value]`, as DeepForge's: no key prints every setting (value, where
 * it comes from, its DEEPFORGE_* variable); a key prints its value; a key and a value set it in
 * `.deepforge/config.json`; `--unset` removes it. The `extensions` key is shown (the recorded
 * list) but set only by `deepforge extensions add/remove`, which check an extension loads.
 */
export async function runConfig(key: string | undefined, value: string | undefined, options: ConfigOptions, io: CliIO): Promise<number> {
    try {
        const project = path.resolve(options.project ?? findProject());
        if (key === EXTENSIONS_KEY) {
            if (value !== undefined || options.unset) throw new ConfigError(`\`${EXTENSIONS_KEY}\` is set by \`deepforge extensions add FOLDER|PACKAGE\` and \`deepforge extensions remove NAME\` (they check the extension loads), not by \`deepforge config\``);
            const records = extensionRecords(project);
            if (options.json) io.out(JSON.stringify(records, null, 2));
            else for (const record of records) io.out(`${record.name}  ${describeRecord(record)}`);
            return ExitCode.ok;
        }
        if (key !== undefined && (value !== undefined || options.unset)) {
            if (value !== undefined && options.unset) throw new ConfigError('give a value or --unset, not both');
            const written = writeConfigValue(project, key, options.unset ? undefined : value);
            io.out(options.unset ? `removed ${key} from ${displayPath(configFile(project))}` : `${key} = ${JSON.stringify(written)} (in ${displayPath(configFile(project))})`);
            return ExitCode.ok;
        }
        const config = new ProjectConfig(project);
        if (key !== undefined) {
            const { value: current } = config.resolve(key);
            io.out(current === undefined ? '' : String(current));
            return ExitCode.ok;
        }
        const all = config.all();
        if (options.json) {
            io.out(JSON.stringify({ ...Object.fromEntries(all.map(e => [e.key, e.value ?? null])), [EXTENSIONS_KEY]: extensionRecords(project) }, null, 2));
            return ExitCode.ok;
        }
        io.out(`Current config (${displayPath(configFile(project))}, overridden by DEEPFORGE_* variables):`);
        const width = Math.max(EXTENSIONS_KEY.length, ...all.map(e => e.key.length));
        for (const entry of all) {
            const shown = entry.value === undefined ? '(unset)' : JSON.stringify(entry.value);
            io.out(`  ${entry.key.padEnd(width)}  ${shown}${entry.source === 'default' ? '' : `  [${entry.source === 'env' ? entry.variable : 'config.json'}]`}  — ${CONFIG_KEYS[entry.key].description}`);
        }
        const records = extensionRecords(project);
        const shown = records.length === 0 ? '(none)' : records.map(r => `${r.name} (${describeRecord(r)})`).join(', ');
        io.out(`  ${EXTENSIONS_KEY.padEnd(width)}  ${shown}${records.length ? '  [config.json]' : ''}  — the project's extensions: deepforge extensions add/remove/list`);
        return ExitCode.ok;
    } catch (error) {
        if (error instanceof ConfigError) {
            io.err(`deepforge: ${error.message}`);
            return ExitCode.usage;
        }
        throw error;
    }
}

/** The project's extension records; a malformed list is a configuration error. */
function extensionRecords(project: string): ExtensionRecord[] {
    try {
        return readExtensionRecords(project);
    } catch (error) {
        throw new ConfigError(error instanceof Error ? error.message : String(error));
    }
}

function describeRecord(record: ExtensionRecord): string {
    return record.path !== undefined ? record.path : `npm package ${record.package}`;
}
