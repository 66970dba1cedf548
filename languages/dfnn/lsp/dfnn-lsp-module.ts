import type { Module } from 'langium';
import type { PartialLangiumServices } from 'langium/lsp';
import type { DfnnServices } from '../dfnn-module.js';
import { DeepForgeDocumentLinkProvider } from '../../lsp/deepforge-document-link-provider.js';
import { DeepForgeDocumentSymbolProvider } from '../../lsp/deepforge-document-symbol-provider.js';
import { DeepForgeRenameProvider } from '../../lsp/deepforge-rename-provider.js';
import { DeepForgeSemanticTokenProvider } from '../../lsp/deepforge-semantic-token-provider.js';
import { DfnnCodeActionProvider } from './dfnn-code-action-provider.js';
import { DfnnCompletionProvider } from './dfnn-completion-provider.js';
import { DfnnFormatter } from './dfnn-formatter.js';
import { DfnnHoverProvider } from './dfnn-hover-provider.js';
import { DfnnInlayHintProvider } from './dfnn-inlay-hint-provider.js';
import { DefaultDfnnLayerInfo, type DfnnLayerInfo } from './dfnn-layer-info.js';
import { DfnnSignatureHelpProvider } from './dfnn-signature-help-provider.js';

/** The services the language server adds to `.dfnn`. */
export type DfnnLspAddedServices = {
    lsp: {
        /** Signatures, shapes and weights of layers and statements, for the editor features. */
        LayerInfo: DfnnLayerInfo
    }
};

export type DfnnLspServices = DfnnServices & DfnnLspAddedServices;

/**
 * The `.dfnn` editor features: completion, hover, signature help, inlay hints (shapes),
 * formatting, code actions, semantic tokens, document links, outline, rename. Langium's defaults
 * serve go to definition, find references, document highlight and folding.
 */
export const DfnnLspModule: Module<DfnnLspServices, PartialLangiumServices & DfnnLspAddedServices> = {
    lsp: {
        LayerInfo: (services) => new DefaultDfnnLayerInfo(services),
        CompletionProvider: (services) => new DfnnCompletionProvider(services),
        HoverProvider: (services) => new DfnnHoverProvider(services),
        SignatureHelp: (services) => new DfnnSignatureHelpProvider(services),
        InlayHintProvider: (services) => new DfnnInlayHintProvider(services),
        Formatter: () => new DfnnFormatter(),
        CodeActionProvider: (services) => new DfnnCodeActionProvider(services),
        SemanticTokenProvider: (services) => new DeepForgeSemanticTokenProvider(services),
        DocumentLinkProvider: () => new DeepForgeDocumentLinkProvider(),
        DocumentSymbolProvider: (services) => new DeepForgeDocumentSymbolProvider(services),
        RenameProvider: (services) => new DeepForgeRenameProvider(services)
    }
};
