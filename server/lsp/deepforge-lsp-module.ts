import type { Module } from 'langium';
import {
    DefaultTextDocumentContentProvider, type DefaultSharedModuleContext, type LangiumSharedServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { createDeepForgeServices, type DeepForgeServices } from '../../languages/deepforge-module.js';
import { BUILTIN_SCHEME } from '../../languages/dfnn/references/dfnn-library.js';
import type { DfnnLspServices } from '../../languages/dfnn/lsp/dfnn-lsp-module.js';
import type { DfpLspServices } from '../../languages/dfp/lsp/dfp-lsp-module.js';
import type { LanguageRegistry } from '../../languages/registry/language-registry.js';
import { DeepForgeConfigurationProvider } from '../../languages/lsp/deepforge-configuration-provider.js';
import { DeepForgeNodeKindProvider } from '../../languages/lsp/deepforge-node-kind-provider.js';
import { DeepForgeWorkspaceSymbolProvider } from '../../languages/lsp/deepforge-workspace-symbol-provider.js';
import { DeepForgeCommandHandler } from './deepforge-command-handler.js';
import { DeepForgeDocumentBuilder } from './deepforge-document-builder.js';
import { DeepForgeDocumentUpdateHandler } from './deepforge-document-update-handler.js';
import { DeepForgeServiceRegistry } from './deepforge-service-registry.js';

/**
 * The shared services of the language server: the two-pass document builder (syntax and linking
 * first, model checks right after; code files re-validate the pipelines using them), the update
 * handler, DeepForge's settings, symbol kinds, workspace symbols without the built-in library, and
 * the content of the built-in documents (`builtin:///keras.dfnn`, `builtin:///pipeline.dfp`)
 * through `workspace/textDocumentContent`, so that go to definition on `Dense` opens the library's
 * declaration in clients that support it (and hover shows the same information everywhere), and the
 * `deepforge.openDiagram` command (the diagram page of a document).
 */
export const DeepForgeLspSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    // A file's extension decides its language, whatever `languageId` the client sends.
    ServiceRegistry: (services) => new DeepForgeServiceRegistry(services),
    workspace: {
        DocumentBuilder: (services) => new DeepForgeDocumentBuilder(services),
        ConfigurationProvider: (services) => new DeepForgeConfigurationProvider(services)
    },
    lsp: {
        DocumentUpdateHandler: (services) => new DeepForgeDocumentUpdateHandler(services),
        NodeKindProvider: () => new DeepForgeNodeKindProvider(),
        WorkspaceSymbolProvider: (services) => new DeepForgeWorkspaceSymbolProvider(services),
        TextDocumentContentProvider: (services) => new DefaultTextDocumentContentProvider(services, BUILTIN_SCHEME),
        ExecuteCommandHandler: () => new DeepForgeCommandHandler()
    }
};

/** The DeepForge services with the language server's features. */
export interface DeepForgeLspServices extends DeepForgeServices {
    readonly dfnn: DfnnLspServices;
    readonly dfp: DfpLspServices;
}

/**
 * Creates the services of the language server (`connection` in the context for a real one;
 * without, for tests): every registered language (the built-ins by default) with its `lspModules`.
 */
export function createDeepForgeLspServices(context: DefaultSharedModuleContext, options: { readonly languages?: LanguageRegistry } = {}): DeepForgeLspServices {
    return createDeepForgeServices(context, { languages: options.languages, lsp: true, shared: DeepForgeLspSharedModule }) as DeepForgeLspServices;
}
