import type { Module } from 'langium';
import type { LangiumServices, PartialLangiumServices } from 'langium/lsp';
import { DefaultDfpAnalyzer, type DfpAnalyzer } from './analysis/dfp-analyzer.js';
import { DefaultOperationCodeLoader, type OperationCodeLoader } from './analysis/operation-code.js';
import { DefaultOperationInterfaces, type OperationInterfaces } from './analysis/operation-interfaces.js';
import { DefaultPythonCode, type PythonCode } from './analysis/python-code.js';
import { DefaultDfpLowering, type DfpLowering } from './lowering/dfp-lowering.js';
import { DefaultDfpImportResolver, type DfpImportResolver } from './references/dfp-import-resolver.js';
import { DefaultDfpLibrary, type DfpLibrary } from './references/dfp-library.js';
import { DfpLinker } from './references/dfp-linker.js';
import { DfpScopeProvider } from './references/dfp-scope-provider.js';
import { DefaultOperationCodeChecker, type OperationCodeChecker } from './validation/operation-code-checker.js';
import { DfpValidator } from './validation/dfp-validator.js';

/** The services `.dfp` adds to Langium's. */
export type DfpAddedServices = {
    references: {
        /** The built-in operations document (`Input`, `Output`). */
        Library: DfpLibrary,
        ImportResolver: DfpImportResolver
    },
    lowering: {
        Lowering: DfpLowering
    },
    analysis: {
        /** The Python reader (loaded asynchronously, once). */
        PythonCode: PythonCode,
        CodeLoader: OperationCodeLoader,
        OperationInterfaces: OperationInterfaces,
        Analyzer: DfpAnalyzer
    },
    validation: {
        CodeChecker: OperationCodeChecker,
        DfpValidator: DfpValidator
    }
};

export type DfpServices = LangiumServices & DfpAddedServices;

/** The `.dfp` module: the added services and Langium's services that `.dfp` customizes. */
export function createDfpModule(): Module<DfpServices, PartialLangiumServices & DfpAddedServices> {
    return {
        references: {
            Library: (services) => new DefaultDfpLibrary(services),
            ImportResolver: (services) => new DefaultDfpImportResolver(services),
            ScopeProvider: (services) => new DfpScopeProvider(services),
            Linker: (services) => new DfpLinker(services)
        },
        lowering: {
            Lowering: (services) => new DefaultDfpLowering(services)
        },
        analysis: {
            PythonCode: () => new DefaultPythonCode(),
            CodeLoader: (services) => new DefaultOperationCodeLoader(services),
            OperationInterfaces: (services) => new DefaultOperationInterfaces(services),
            Analyzer: (services) => new DefaultDfpAnalyzer(services)
        },
        validation: {
            CodeChecker: (services) => new DefaultOperationCodeChecker(services),
            DfpValidator: (services) => new DfpValidator(services)
        }
    };
}
