import type { Module } from 'langium';
import type { PartialLangiumServices } from 'langium/lsp';
import { DeepForgeCodeActionProvider } from '../../lsp/deepforge-code-action-provider.js';
import type { ModelServices } from '../model-module.js';
import { ModelCompletionProvider } from './model-completion-provider.js';
import { ModelDocumentSymbolProvider } from './model-document-symbol-provider.js';
import { ModelHoverProvider } from './model-hover-provider.js';

/**
 * The editor features of a data-only language, all driven by its metamodel file: completion of
 * types, attributes, values and references, hover docs, the outline, quick fixes (did you mean
 * …?, remove an unknown attribute). Langium's defaults serve
 * go to definition, find references, highlight, folding and rename of nodes.
 */
export const ModelLspModule: Module<ModelServices, PartialLangiumServices> = {
    lsp: {
        CompletionProvider: (services) => new ModelCompletionProvider(services as ModelServices),
        HoverProvider: (services) => new ModelHoverProvider(services as ModelServices),
        DocumentSymbolProvider: (services) => new ModelDocumentSymbolProvider(services),
        CodeActionProvider: () => new DeepForgeCodeActionProvider()
    }
};
