import type { Module } from 'langium';
import type { PartialLangiumServices } from 'langium/lsp';
import type { DfpServices } from '../dfp-module.js';
import { DeepForgeDocumentLinkProvider } from '../../lsp/deepforge-document-link-provider.js';
import { DeepForgeDocumentSymbolProvider } from '../../lsp/deepforge-document-symbol-provider.js';
import { DeepForgeSemanticTokenProvider } from '../../lsp/deepforge-semantic-token-provider.js';
import { DfpCodeActionProvider } from './dfp-code-action-provider.js';
import { DfpCompletionProvider } from './dfp-completion-provider.js';
import { DfpDefinitionProvider } from './dfp-definition-provider.js';
import { DfpFormatter } from './dfp-formatter.js';
import { DfpHoverProvider } from './dfp-hover-provider.js';
import { DefaultDfpOperationInfo, type DfpOperationInfo } from './dfp-operation-info.js';
import { DfpRenameProvider } from './dfp-rename-provider.js';
import { DfpSignatureHelpProvider } from './dfp-signature-help-provider.js';

/** The services the language server adds to `.dfp`. */
export type DfpLspAddedServices = {
    lsp: {
        /** Interfaces and code locations of operations, for the editor features. */
        OperationInfo: DfpOperationInfo
    }
};

export type DfpLspServices = DfpServices & DfpLspAddedServices;

/**
 * The `.dfp` editor features: completion, signature help in a step's call, hover, go to definition (into the Python class),
 * formatting, code actions (fixes, declaration ⇄ code sync), semantic tokens, document links,
 * outline, rename (with the Python class). Langium's defaults serve find references, document
 * highlight and folding.
 */
export const DfpLspModule: Module<DfpLspServices, PartialLangiumServices & DfpLspAddedServices> = {
    lsp: {
        OperationInfo: (services) => new DefaultDfpOperationInfo(services),
        CompletionProvider: (services) => new DfpCompletionProvider(services),
        HoverProvider: (services) => new DfpHoverProvider(services),
        DefinitionProvider: (services) => new DfpDefinitionProvider(services),
        Formatter: () => new DfpFormatter(),
        CodeActionProvider: (services) => new DfpCodeActionProvider(services),
        SemanticTokenProvider: (services) => new DeepForgeSemanticTokenProvider(services),
        DocumentLinkProvider: () => new DeepForgeDocumentLinkProvider(),
        DocumentSymbolProvider: (services) => new DeepForgeDocumentSymbolProvider(services),
        RenameProvider: (services) => new DfpRenameProvider(services),
        SignatureHelp: (services) => new DfpSignatureHelpProvider(services)
    }
};
