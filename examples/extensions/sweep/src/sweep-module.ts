import type { Module } from 'langium';
import type { LangiumServices, PartialLangiumServices } from 'langium/lsp';
import { SweepLowering } from './lowering/sweep-lowering.js';
import { DefaultPipelineIndex, type PipelineIndex } from './references/pipeline-index.js';
import { SweepDocumentValidator } from './references/sweep-document-validator.js';
import { SweepLinker } from './references/sweep-linker.js';
import { SweepScopeProvider } from './references/sweep-scope-provider.js';
import { DefaultSweepChecker, type SweepChecker } from './validation/sweep-checker.js';
import { SweepValidator } from './validation/sweep-validator.js';

/** The services `.sweep` adds to Langium's. */
export type SweepAddedServices = {
    references: {
        /** Pipelines, steps and operation interfaces of the `.dfp` documents. */
        PipelineIndex: PipelineIndex
    },
    validation: {
        SweepChecker: SweepChecker,
        SweepValidator: SweepValidator
    },
    lowering: {
        Lowering: SweepLowering
    }
};

export type SweepServices = LangiumServices & SweepAddedServices;

/** The `.sweep` module: the added services and the Langium services `.sweep` customizes. */
export const SweepModule: Module<SweepServices, PartialLangiumServices & SweepAddedServices> = {
    references: {
        PipelineIndex: (services) => new DefaultPipelineIndex(services),
        ScopeProvider: (services) => new SweepScopeProvider(services),
        Linker: (services) => new SweepLinker(services)
    },
    validation: {
        DocumentValidator: (services) => new SweepDocumentValidator(services),
        SweepChecker: (services) => new DefaultSweepChecker(services),
        SweepValidator: (services) => new SweepValidator(services)
    },
    lowering: {
        Lowering: (services) => new SweepLowering(services)
    }
};
