/**
 * The core's API for extensions: the module an extension imports as `deepforge-ts` (the
 * extension loader's resolve hooks map that specifier here, so the extension shares the core's
 * Langium and metamodel). Types and helpers only an extension needs; the core itself imports the
 * modules below directly.
 */
import type { ExecutionResult, RunOptions } from '../../server/execution/engine.js';

export type {
    CommandContext, CommandContribution, DiagramContribution, DomainLanguage, GeneratedFile, GeneratorContext,
    GeneratorContribution, LoweredDocument, LoweredGraph
} from './domain-language.js';
export { defineExtension, type DataLanguageManifest, type DeepForgeExtension, type ExtensionManifest } from './extension.js';
export { createStandaloneServices, parseDocument, type ParsedDocument, type StandaloneServices } from './extension-testing.js';
export * from '../../metamodel/core/index.js';
export { createGenericLanguage, type GenericLanguageOptions } from '../model/generic-language.js';
/** Handlebars, for generators' templates (the core's copy: extensions need not install it). */
export { default as Handlebars } from 'handlebars';

// For extensions that work with pipelines and run them (helper 9d, the sweep extension):
// the services of every registered language, the pipeline metamodel's operation interfaces,
// and the execution engine with its store, as `deepforge run` uses them.
export { createDeepForgeServices, type DeepForgeServices, type DeepForgeServicesOptions, type LanguageServices } from '../deepforge-module.js';
export { BUILTIN_LANGUAGES, createLanguageRegistry, type LanguageRegistryOptions } from '../builtin-languages.js';
export { LanguageRegistry, LanguageRegistrationError } from './language-registry.js';
export * from '../../metamodel/pipeline/index.js';
// The engine (storage and compute adapters, their SDKs) loads on the first run, not with every
// extension: `runPipeline` is a wrapper that imports it then.
export type { EngineEvent, ExecutionResult, RunOptions } from '../../server/execution/engine.js';
export { ExecutionError } from '../../server/execution/execution-error.js';
export { ConfigError, findProject } from '../../server/execution/config.js';
export { Store, StoreError, type ExecutionRecord, type ExecutionStatus, type StepRecord, type StepStatus } from '../../server/execution/store.js';

/** `deepforge run` as a function: a new execution of a pipeline (the engine is loaded on the first call). */
export async function runPipeline(options: RunOptions): Promise<ExecutionResult> {
    const engine = await import('../../server/execution/engine.js');
    return engine.runPipeline(options);
}
