import type { Module } from 'langium';
import type { LangiumServices, PartialLangiumServices } from 'langium/lsp';
import type { MetamodelFile } from '../../metamodel/core/index.js';
import { DefaultModelLowering, type ModelLowering } from './lowering/model-lowering.js';
import { DefaultModelImportResolver, type ModelImportResolver } from './references/model-import-resolver.js';
import { ModelLinker } from './references/model-linker.js';
import { ModelScopeProvider } from './references/model-scope-provider.js';
import { ModelValidator } from './validation/model-validator.js';

/** The services the generic model syntax adds to Langium's, for one data-only language. */
export type ModelAddedServices = {
    model: {
        /** The metamodel file the language's documents are instances of. */
        MetamodelFile: MetamodelFile,
        Lowering: ModelLowering,
        ImportResolver: ModelImportResolver,
        Validator: ModelValidator
    }
};

export type ModelServices = LangiumServices & ModelAddedServices;

/** The module of a data-only language: its metamodel file, lowering, scoping across imported files, validation. */
export function createModelModule(file: MetamodelFile): Module<ModelServices, PartialLangiumServices & ModelAddedServices> {
    return {
        model: {
            MetamodelFile: () => file,
            Lowering: (services) => new DefaultModelLowering(services),
            ImportResolver: (services) => new DefaultModelImportResolver(services),
            Validator: (services) => new ModelValidator(services)
        },
        references: {
            ScopeProvider: (services) => new ModelScopeProvider(services),
            Linker: (services) => new ModelLinker(services)
        }
    };
}
