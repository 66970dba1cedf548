import type { LangiumDocument, URI } from 'langium';
import { DocumentImportResolver } from '../../common/import-resolver.js';
import type { DfnnModel, Import } from '../../generated/ast.js';
import type { DfnnServices } from '../dfnn-module.js';

/** Resolves `import "other.dfnn"` statements to documents. Imports are not transitive. */
export interface DfnnImportResolver {
    /** The URI an import denotes (relative to the importing document). */
    resolve(node: Import): URI;
    /** The URIs of every import of a document, loaded or not, in import order. */
    importedUris(document: LangiumDocument): URI[];
    /** The documents a document imports that are loaded in the workspace, in import order. */
    importedDocuments(document: LangiumDocument): LangiumDocument<DfnnModel>[];
}

export class DefaultDfnnImportResolver extends DocumentImportResolver implements DfnnImportResolver {
    constructor(services: DfnnServices) {
        super(services);
    }

    override importedDocuments(document: LangiumDocument): LangiumDocument<DfnnModel>[] {
        return super.importedDocuments(document) as LangiumDocument<DfnnModel>[];
    }
}
