import type { Module } from 'langium';
import type { PartialLangiumServices } from 'langium/lsp';
import { Metamodel, type MetamodelFile } from '../../metamodel/core/index.js';
import { isModelDocument } from '../generated/ast.js';
import { ModelGeneratedModule } from '../generated/module.js';
import type { DomainLanguage, LoweredDocument } from '../registry/domain-language.js';
import { jsonGenerator } from './generators/json-generator.js';
import { ModelLspModule } from './lsp/model-lsp-module.js';
import { createModelModule, type ModelServices } from './model-module.js';
import { registerModelValidationChecks } from './validation/model-validator.js';
import { IncrementalParserModule } from '../parser/incremental-parser.js';

/** What a data-only language is made of. */
export interface GenericLanguageOptions {
    /** The language id (`dfcat`), also the LSP `languageId`. */
    readonly id: string;
    /** For people: `Dataset catalogue`. */
    readonly title: string;
    /** File extensions with their dot (`.dfcat`). */
    readonly fileExtensions: readonly string[];
    /** The metamodel: as read by `readMetamodelFile`, or a core metamodel built in code. */
    readonly metamodel: MetamodelFile | Metamodel;
    /** Where the metamodel file lies (for messages), when `metamodel` is not a file already. */
    readonly metamodelPath?: string;
}

/**
 * A domain language with no TypeScript of its own: instances of a metamodel declared in a data
 * file, written in the core's generic model syntax (`languages/model/model.langium`). Validation,
 * completion, hover, the outline, the diagram and the `json` generator all come from the
 * metamodel.
 */
export function createGenericLanguage(options: GenericLanguageOptions): DomainLanguage<ModelServices> {
    const file: MetamodelFile = options.metamodel instanceof Metamodel
        ? { path: options.metamodelPath ?? '', name: options.metamodel.name, metamodel: options.metamodel }
        : options.metamodel;
    return {
        id: options.id,
        title: options.title,
        fileExtensions: [...options.fileExtensions],
        modules: [ModelGeneratedModule as Module<ModelServices, PartialLangiumServices>, createModelModule(file), IncrementalParserModule as never],
        lspModules: [ModelLspModule],
        onCreated: registerModelValidationChecks,
        imports(services, document) {
            const root = document.parseResult.value;
            return isModelDocument(root) ? root.imports.filter(i => i.path).map(i => services.model.ImportResolver.resolve(i)) : [];
        },
        lower(services, document): LoweredDocument {
            const lowered = services.model.Lowering.lower(document);
            return { graphs: [{ graph: lowered.graph, metamodel: lowered.file.metamodel }], diagnostics: lowered.diagnostics };
        },
        generators: [jsonGenerator]
    };
}
