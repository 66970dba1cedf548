import type { LanguageRegistry } from '../../languages/registry/language-registry.js';

/** Where a run's pipeline comes from: its project, and the languages to load it with when the caller has them. */
export interface LanguageSource {
    readonly project: string;
    /** The registry to load the pipeline with (the CLI's, already holding the project's extensions). */
    readonly languages?: LanguageRegistry;
}

/**
 * The languages a run loads its pipeline with: those given, else the built-ins and the languages
 * of the project's extensions — a pipeline may import a catalogue of an extension's data-only
 * language (`Input(dataset=…)`). An extension that fails to load is left out here (the CLI and the
 * language server report it); the pipeline's own diagnostics then say what is missing.
 * The loader is imported on demand: the engine is itself imported by extensions (`deepforge-ts`).
 */
export async function projectLanguages(source: LanguageSource): Promise<LanguageRegistry> {
    if (source.languages) return source.languages;
    const [{ loadExtensions }, { createLanguageRegistry }] = await Promise.all([
        import('../../languages/registry/extension-loader.js'),
        import('../../languages/builtin-languages.js')
    ]);
    const loaded = await loadExtensions(source.project);
    return createLanguageRegistry({ extensions: loaded.languages });
}
