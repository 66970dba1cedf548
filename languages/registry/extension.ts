import type { CommandContribution, DomainLanguage } from './domain-language.js';

/**
 * What an extension package's entry module (`package.json` → `deepforge.extension`) exports by
 * default: its name, the domain languages it registers and the `deepforge` subcommands it adds.
 * Data-only languages (a metamodel file and the core's generic syntax) need no entry module:
 * they are declared in `package.json` → `deepforge.languages`.
 */
export interface DeepForgeExtension {
    /** The extension's name (usually its package name): `deepforge extensions remove <name>`. */
    readonly name: string;
    /** The languages it registers, exactly as the built-in ones do. */
    readonly languages?: readonly DomainLanguage<any>[];
    /** `deepforge` subcommands that are not tied to one language. */
    readonly commands?: readonly CommandContribution[];
}

/**
 * Declares an extension: returns it unchanged, typed (`export default defineExtension({ … })`),
 * so that an editor checks the object literal against {@link DeepForgeExtension}.
 */
export function defineExtension<E extends DeepForgeExtension>(extension: E): E {
    return extension;
}

/** The `deepforge` field of an extension's `package.json`. */
export interface ExtensionManifest {
    /** The entry module (an ES module, relative to the package), e.g. `./out/index.js`. */
    readonly extension?: string;
    /** Data-only languages: a metamodel file served with the core's generic model syntax. */
    readonly languages?: readonly DataLanguageManifest[];
}

/** One data-only language of `package.json` → `deepforge.languages`. */
export interface DataLanguageManifest {
    readonly id: string;
    readonly title: string;
    readonly fileExtensions: readonly string[];
    /** The metamodel file, relative to the package. */
    readonly metamodel: string;
}

/** Whether a value has the shape of a {@link DeepForgeExtension}; else why not. */
export function checkExtensionShape(value: unknown): string | undefined {
    if (typeof value !== 'object' || value === null) return `its default export must be an object made by defineExtension({ name, languages, commands }), not ${value === null ? 'null' : typeof value}`;
    const extension = value as Record<string, unknown>;
    if (typeof extension.name !== 'string' || extension.name.trim() === '') return 'its default export has no `name` (a non-empty string)';
    if (extension.languages !== undefined) {
        if (!Array.isArray(extension.languages)) return '`languages` must be an array of DomainLanguage objects';
        for (const [index, language] of extension.languages.entries()) {
            const problem = checkLanguageShape(language);
            if (problem) return `languages[${index}]: ${problem}`;
        }
    }
    if (extension.commands !== undefined) {
        if (!Array.isArray(extension.commands)) return '`commands` must be an array of { name, register(program, context) }';
        for (const [index, command] of extension.commands.entries()) {
            if (typeof command !== 'object' || command === null || typeof command.name !== 'string' || typeof command.register !== 'function') {
                return `commands[${index}] must be { name: string, register(program, context) }`;
            }
        }
    }
    return undefined;
}

const LANGUAGE_ID = /^[a-z][a-z0-9-]*$/;
const FILE_EXTENSION = /^\.[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Whether a value has the shape of a DomainLanguage; else why not. */
export function checkLanguageShape(value: unknown): string | undefined {
    if (typeof value !== 'object' || value === null) return 'not an object';
    const language = value as Record<string, unknown>;
    if (typeof language.id !== 'string' || !LANGUAGE_ID.test(language.id)) return `\`id\` must be lower case letters, digits and - (got ${JSON.stringify(language.id)})`;
    const where = `language '${language.id}'`;
    if (typeof language.title !== 'string') return `${where}: \`title\` must be a string`;
    if (!Array.isArray(language.fileExtensions) || language.fileExtensions.length === 0) return `${where}: \`fileExtensions\` must be a non-empty array like [".abc"]`;
    for (const extension of language.fileExtensions) {
        if (typeof extension !== 'string' || !FILE_EXTENSION.test(extension)) return `${where}: file extension ${JSON.stringify(extension)} must start with a dot (".abc")`;
    }
    if (!Array.isArray(language.modules)) return `${where}: \`modules\` must be an array of Langium modules (the generated module first)`;
    if (typeof language.lower !== 'function') return `${where}: \`lower(services, document)\` is missing`;
    if (language.generators !== undefined) {
        if (!Array.isArray(language.generators)) return `${where}: \`generators\` must be an array`;
        for (const generator of language.generators) {
            if (typeof generator?.id !== 'string' || typeof generator?.generate !== 'function') return `${where}: every generator needs an \`id\` and a \`generate(context)\``;
        }
    }
    if (language.commands !== undefined && !Array.isArray(language.commands)) return `${where}: \`commands\` must be an array`;
    return undefined;
}
