import type { LangiumDocument, URI } from 'langium';
import { DocumentImportResolver } from '../../common/import-resolver.js';
import type { Import } from '../../generated/ast.js';
import type { ModelServices } from '../model-module.js';

/**
 * Resolves `import "other.dfcat"` of a model document: the nodes of the imported file become
 * visible to references (`source: digits`). Paths are relative to the importing file; imports
 * are not transitive.
 */
export interface ModelImportResolver {
    /** The URI an import denotes. */
    resolve(node: Import): URI;
    /** The loaded documents a document imports, in import order (itself and duplicates left out). */
    importedDocuments(document: LangiumDocument): LangiumDocument[];
}

/** The common import resolution of `languages/common`: model documents' imports are `common.langium`'s. */
export class DefaultModelImportResolver extends DocumentImportResolver implements ModelImportResolver {
    constructor(services: ModelServices) {
        super(services);
    }
}
