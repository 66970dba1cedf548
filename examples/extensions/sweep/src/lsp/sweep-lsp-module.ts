import type { Module } from 'langium';
import type { PartialLangiumServices } from 'langium/lsp';
import type { SweepServices } from '../sweep-module.js';
import { SweepCompletionProvider } from './sweep-completion-provider.js';
import { SweepHoverProvider } from './sweep-hover-provider.js';

/** What only the language server needs of `.sweep`: completion and hover across languages. */
export const SweepLspModule: Module<SweepServices, PartialLangiumServices> = {
    lsp: {
        CompletionProvider: (services) => new SweepCompletionProvider(services),
        HoverProvider: (services) => new SweepHoverProvider(services)
    }
};
