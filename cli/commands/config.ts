import * as path from 'node:path';
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
 * `.deepforge/config.json`; `--unset` removes it.
 */
export async function runConfig(key: string | undefined, value: string | undefined, options: ConfigOptions, io: CliIO): Promise<number> {
    try {
        const project = path.resolve(options.project ?? findProject());
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
            io.out(JSON.stringify(Object.fromEntries(all.map(e => [e.key, e.value ?? null])), null, 2));
            return ExitCode.ok;
        }
        io.out(`Current config (${displayPath(configFile(project))}, overridden by DEEPFORGE_* variables):`);
        const width = Math.max(...all.map(e => e.key.length));
        for (const entry of all) {
            const shown = entry.value === undefined ? '(unset)' : JSON.stringify(entry.value);
            io.out(`  ${entry.key.padEnd(width)}  ${shown}${entry.source === 'default' ? '' : `  [${entry.source === 'env' ? entry.variable : 'config.json'}]`}  — ${CONFIG_KEYS[entry.key].description}`);
        }
        return ExitCode.ok;
    } catch (error) {
        if (error instanceof ConfigError) {
            io.err(`deepforge: ${error.message}`);
            return ExitCode.usage;
        }
        throw error;
    }
}
