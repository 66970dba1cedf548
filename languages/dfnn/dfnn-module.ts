import type { Module } from 'langium';
import type { LangiumServices, PartialLangiumServices } from 'langium/lsp';
import type { NetworkDomain } from '../../metamodel/core/index.js';
import { kerasNetworkDomain } from '../../metamodel/keras/network-domain.js';
import { DefaultDfnnAnalyzer, type DfnnAnalyzer } from './analysis/dfnn-analyzer.js';
import { DefaultDfnnLowering, type DfnnLowering } from './lowering/dfnn-lowering.js';
import { DefaultDfnnImportResolver, type DfnnImportResolver } from './references/dfnn-import-resolver.js';
import { DefaultDfnnLibrary, type DfnnLibrary } from './references/dfnn-library.js';
import { DfnnLinker } from './references/dfnn-linker.js';
import { DfnnReferenceDescriptionProvider } from './references/dfnn-reference-descriptions.js';
import { DfnnScopeComputation } from './references/dfnn-scope-computation.js';
import { DfnnScopeProvider } from './references/dfnn-scope-provider.js';
import { DfnnDocumentValidator } from './validation/dfnn-document-validator.js';
import { DfnnValidator } from './validation/dfnn-validator.js';

/** The services `.dfnn` adds to Langium's. */
export type DfnnAddedServices = {
    domain: {
        /** The domain of networks: metamodel of layers, validation, shape analysis. Keras by default. */
        NetworkDomain: NetworkDomain
    },
    references: {
        Library: DfnnLibrary,
        ImportResolver: DfnnImportResolver
    },
    lowering: {
        Lowering: DfnnLowering
    },
    analysis: {
        Analyzer: DfnnAnalyzer
    },
    validation: {
        DfnnValidator: DfnnValidator
    }
};

export type DfnnServices = LangiumServices & DfnnAddedServices;

/** Options of {@link createDfnnModule}: the network domain (Keras unless given). */
export interface DfnnModuleOptions {
    readonly domain?: NetworkDomain;
}

/** The `.dfnn` module: the added services and Langium's services that `.dfnn` customizes. */
export function createDfnnModule(options: DfnnModuleOptions = {}): Module<DfnnServices, PartialLangiumServices & DfnnAddedServices> {
    return {
        domain: {
            NetworkDomain: () => options.domain ?? kerasNetworkDomain()
        },
        references: {
            Library: (services) => new DefaultDfnnLibrary(services),
            ImportResolver: (services) => new DefaultDfnnImportResolver(services),
            ScopeComputation: (services) => new DfnnScopeComputation(services),
            ScopeProvider: (services) => new DfnnScopeProvider(services),
            Linker: (services) => new DfnnLinker(services)
        },
        workspace: {
            ReferenceDescriptionProvider: (services) => new DfnnReferenceDescriptionProvider(services)
        },
        lowering: {
            Lowering: (services) => new DefaultDfnnLowering(services)
        },
        analysis: {
            Analyzer: (services) => new DefaultDfnnAnalyzer(services)
        },
        validation: {
            DocumentValidator: (services) => new DfnnDocumentValidator(services),
            DfnnValidator: (services) => new DfnnValidator(services)
        }
    };
}
