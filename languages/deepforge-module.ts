import { inject, type AstReflection, type LanguageMetaData, type Module, type URI } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices,
    type PartialLangiumServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { createLanguageRegistry } from './builtin-languages.js';
import type { DfnnServices } from './dfnn/dfnn-module.js';
import type { DfpServices } from './dfp/dfp-module.js';
import { DeepForgeAstReflection } from './generated/ast.js';
import type { DomainLanguage } from './registry/domain-language.js';
import { LanguageRegistrationError, type LanguageRegistry } from './registry/language-registry.js';
import { MergedAstReflection } from './registry/merged-ast-reflection.js';
import { DeepForgeWorkspaceManager } from './workspace/deepforge-workspace-manager.js';
import { IncrementalDocumentFactory } from './workspace/incremental-document-factory.js';

/** The services shared by the DeepForge languages. */
export const DeepForgeSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        WorkspaceManager: (services) => new DeepForgeWorkspaceManager(services),
        LangiumDocumentFactory: (services) => new IncrementalDocumentFactory(services)
    }
};

/** One registered language with its service container. */
export interface LanguageServices<S extends LangiumServices = LangiumServices> {
    readonly language: DomainLanguage<S>;
    readonly services: S;
}

/** The service containers of the registered languages. */
export interface DeepForgeServices {
    readonly shared: LangiumSharedServices;
    /** The registered languages the containers were made from. */
    readonly languages: LanguageRegistry;
    /** Every language with its container, in registration order. */
    readonly all: readonly LanguageServices[];
    /** The container of a registered language; throws when it is not registered. */
    language<S extends LangiumServices = LangiumServices>(id: string): S;
    /** The language and container of a document (its extension decides), if registered. */
    forUri(uri: URI | string): LanguageServices | undefined;
    /** The built-in `.dfnn` container (for the core code made for networks); throws when not registered. */
    readonly dfnn: DfnnServices;
    /** The built-in `.dfp` container (for the core code made for pipelines); throws when not registered. */
    readonly dfp: DfpServices;
}

/** Options of {@link createDeepForgeServices}. */
export interface DeepForgeServicesOptions {
    /** The languages to serve (default: the built-ins, {@link createLanguageRegistry}). */
    readonly languages?: LanguageRegistry;
    /** Whether the language server creates them: each language's `lspModules` are injected too. */
    readonly lsp?: boolean;
    /** Injected last into the shared services (the language server's). */
    readonly shared?: Module<LangiumSharedServices, PartialLangiumSharedServices>;
    /** Injected last into every language's container (tests). */
    readonly languageModule?: Module<LangiumServices, PartialLangiumServices>;
}

/** The shared AST reflection: DeepForge's grammars', and those the languages bring (merged). */
function reflectionModule(reflections: readonly AstReflection[]): Module<LangiumSharedServices, PartialLangiumSharedServices> {
    return {
        AstReflection: () => reflections.length === 0 ? new DeepForgeAstReflection() : new MergedAstReflection([new DeepForgeAstReflection(), ...reflections])
    };
}

/**
 * Creates the DeepForge services: the shared ones and one container per registered language,
 * each made the same way — Langium's default module, the language's modules (its `lspModules`
 * too when serving the LSP), its `LanguageMetaData` from its id and extensions — then registered
 * in the service registry, then handed to the language's `onCreated`. Pass `NodeFileSystem` (from
 * `langium/node`) to read files, `EmptyFileSystem` (from `langium`) for in-memory use.
 */
export function createDeepForgeServices(context: DefaultSharedModuleContext, options: DeepForgeServicesOptions = {}): DeepForgeServices {
    const languages = options.languages ?? createLanguageRegistry();
    const reflections = languages.all.flatMap(language => language.astReflection ? [language.astReflection()] : []);
    const shared = inject(
        createDefaultSharedModule(context),
        reflectionModule(reflections),
        DeepForgeSharedModule,
        options.shared ?? {}
    );
    const all: LanguageServices[] = [];
    const byId = new Map<string, LanguageServices>();
    for (const language of languages.all) {
        const metaData: LanguageMetaData = { languageId: language.id, fileExtensions: [...language.fileExtensions], caseInsensitive: false, mode: 'development' };
        const modules: Module<LangiumServices, PartialLangiumServices>[] = [
            ...language.modules,
            ...(options.lsp ? language.lspModules ?? [] : []),
            { LanguageMetaData: () => metaData },
            options.languageModule ?? {}
        ];
        const services = (inject as (...modules: Module<LangiumServices, PartialLangiumServices>[]) => LangiumServices)(
            createDefaultModule({ shared }) as Module<LangiumServices, PartialLangiumServices>, ...modules);
        shared.ServiceRegistry.register(services);
        language.onCreated?.(services);
        const entry = { language, services };
        all.push(entry);
        byId.set(language.id, entry);
    }
    const container = (id: string): LangiumServices => {
        const entry = byId.get(id);
        if (!entry) throw new LanguageRegistrationError(`no language \`${id}\` is registered (registered: ${languages.all.map(l => `\`${l.id}\``).join(', ') || 'none'})`);
        return entry.services;
    };
    return {
        shared,
        languages,
        all,
        language: <S extends LangiumServices>(id: string) => container(id) as S,
        forUri: uri => {
            const language = languages.forUri(uri);
            return language ? byId.get(language.id) : undefined;
        },
        get dfnn() {
            return container('dfnn') as DfnnServices;
        },
        get dfp() {
            return container('dfp') as DfpServices;
        }
    };
}
