import { DefaultConfigurationProvider, type ConfigurationInitializedParams } from 'langium';
import type { InitializeParams } from 'vscode-languageserver-protocol';

/** The configuration section of DeepForge's own settings (`deepforge.inlayHints.shapes`, …). */
export const DEEPFORGE_SECTION = 'deepforge';

/**
 * Langium's configuration provider, plus the `deepforge` section: taken from the
 * initialization options (`{ "inlayHints": { "shapes": false } }`, or the same under
 * `"deepforge"`), fetched from the client with the language sections, and updated by
 * `workspace/didChangeConfiguration` (`{ "deepforge": { "inlayHints": { "shapes": false } } }`).
 * {@link setting} reads a setting synchronously, so features never wait for the client.
 */
export class DeepForgeConfigurationProvider extends DefaultConfigurationProvider {
    override initialize(params: InitializeParams): void {
        super.initialize(params);
        const options = params.initializationOptions as Record<string, unknown> | undefined;
        if (options && typeof options === 'object') {
            const section = (typeof options[DEEPFORGE_SECTION] === 'object' ? options[DEEPFORGE_SECTION] : options) as Record<string, unknown>;
            this.updateSectionConfiguration(DEEPFORGE_SECTION, section);
        }
    }

    override async initialized(params: ConfigurationInitializedParams): Promise<void> {
        const fetch = params.fetchConfiguration;
        await super.initialized({
            register: params.register && (options => params.register!({ section: [...toArray(options.section), DEEPFORGE_SECTION] })),
            fetchConfiguration: fetch && (async configurations => {
                const values = await fetch([...configurations, { section: DEEPFORGE_SECTION }]);
                const own = values.pop();
                if (own && typeof own === 'object') this.updateSectionConfiguration(DEEPFORGE_SECTION, { ...this.settings[DEEPFORGE_SECTION], ...own });
                return values;
            })
        });
    }

    /** A `deepforge` setting by its dotted path (`inlayHints.shapes`), or the fallback. */
    setting<T>(path: string, fallback: T): T {
        let value: unknown = this.settings[DEEPFORGE_SECTION];
        for (const key of path.split('.')) {
            if (value === null || typeof value !== 'object') return fallback;
            value = (value as Record<string, unknown>)[key];
        }
        return value === undefined ? fallback : value as T;
    }
}

function toArray(section: string | string[] | undefined): string[] {
    return section === undefined ? [] : Array.isArray(section) ? section : [section];
}

/** Reads a `deepforge` setting from any configuration provider (the fallback unless it is DeepForge's). */
export function deepForgeSetting<T>(provider: unknown, path: string, fallback: T): T {
    return provider instanceof DeepForgeConfigurationProvider ? provider.setting(path, fallback) : fallback;
}
