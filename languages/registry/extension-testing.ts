import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import type { DefaultSharedModuleContext, LangiumServices, LangiumSharedServices } from 'langium/lsp';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { createDeepForgeServices } from '../deepforge-module.js';
import type { DomainLanguage, GeneratedFile, LoweredDocument } from './domain-language.js';
import { LanguageRegistry } from './language-registry.js';

/** The services of a few domain languages on their own (an extension's tests, the loader's probe). */
export interface StandaloneServices {
    readonly shared: LangiumSharedServices;
    /** One container per language, by language id. */
    readonly languages: ReadonlyMap<string, LangiumServices>;
}

/**
 * Creates the services of domain languages the way the registry does (Langium's default module,
 * the language's modules in order, `LanguageMetaData` from its id and file extensions, then
 * `onCreated`), without the built-in languages: what an extension's own tests need, and what the
 * loader uses to find out whether an extension's language can be created at all (a grammar that
 * does not build throws here, with Langium's message).
 */
export function createStandaloneServices(languages: readonly DomainLanguage<any>[], context: DefaultSharedModuleContext = EmptyFileSystem, lsp = false): StandaloneServices {
    // Through the one registration point, with these languages alone.
    const services = createDeepForgeServices(context, { languages: new LanguageRegistry(languages), lsp });
    const containers = new Map<string, LangiumServices>();
    for (const { language, services: container } of services.all) {
        // Creating the parser is lazy in Langium: touch it so that a bad grammar fails now.
        void container.parser.LangiumParser;
        containers.set(language.id, container);
    }
    return { shared: services.shared, languages: containers };
}

/** A document of a domain language, built (parsed, linked, validated) and lowered. */
export interface ParsedDocument<S extends LangiumServices = LangiumServices> {
    readonly services: S;
    readonly document: LangiumDocument;
    /** Lexer, parser, linking and validation diagnostics, as the language server publishes them. */
    readonly diagnostics: readonly LspDiagnostic[];
    /** The lowering: model graphs and model checks. */
    readonly lowered: LoweredDocument;
    /** Runs one of the language's generators on the document. */
    generate(generatorId: string, graph?: string): Promise<readonly GeneratedFile[]>;
}

let nextDocument = 1;

/**
 * Parses, builds and lowers a text of a domain language in memory: an extension's tests call
 * `parseDocument(language, text)` and check `diagnostics`, `lowered` and `generate(…)`.
 */
export async function parseDocument<S extends LangiumServices = LangiumServices>(language: DomainLanguage<S>, text: string, options: { readonly uri?: string } = {}): Promise<ParsedDocument<S>> {
    const { shared, languages } = createStandaloneServices([language as DomainLanguage<any>]);
    const services = languages.get(language.id) as S;
    const uri = URI.parse(options.uri ?? `memory:///document-${nextDocument++}${language.fileExtensions[0]}`);
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    const lowered = language.lower(services, document);
    return {
        services, document, lowered,
        diagnostics: document.diagnostics ?? [],
        async generate(generatorId: string, graph?: string) {
            const generator = language.generators?.find(candidate => candidate.id === generatorId);
            if (!generator) throw new Error(`language '${language.id}' has no generator '${generatorId}' (it has: ${(language.generators ?? []).map(g => g.id).join(', ') || 'none'})`);
            return generator.generate({ services, document, lowered, graph });
        }
    };
}
