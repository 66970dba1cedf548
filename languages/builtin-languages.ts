import { DfnnLanguage } from './dfnn/dfnn-language.js';
import { DfpLanguage } from './dfp/dfp-language.js';
import type { DomainLanguage } from './registry/domain-language.js';
import { LanguageRegistry } from './registry/language-registry.js';

/** The languages DeepForge ships: `.dfnn` networks and `.dfp` pipelines. */
export const BUILTIN_LANGUAGES: readonly DomainLanguage<any>[] = [DfnnLanguage, DfpLanguage];

/** Options of {@link createLanguageRegistry}. */
export interface LanguageRegistryOptions {
    /** Languages registered after the built-ins (the extensions the extension loader found). */
    readonly extensions?: readonly DomainLanguage<any>[];
    /** Leave the built-ins out (tests of a language on its own). */
    readonly builtins?: boolean;
}

/**
 * The registry of the languages to serve: the built-ins, then the given extensions. Throws
 * `LanguageRegistrationError` when an extension takes an id or a file extension already taken.
 */
export function createLanguageRegistry(options: LanguageRegistryOptions = {}): LanguageRegistry {
    return new LanguageRegistry([...(options.builtins === false ? [] : BUILTIN_LANGUAGES), ...(options.extensions ?? [])]);
}
