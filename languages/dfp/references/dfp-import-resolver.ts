import type { LangiumDocument, URI } from 'langium';
import { DocumentImportResolver } from '../../common/import-resolver.js';
import type { Import } from '../../generated/ast.js';
import type { DfpServices } from '../dfp-module.js';

/** The file kinds a `.dfp` file may import. */
export const DFP_IMPORTABLE_EXTENSIONS: readonly string[] = ['.dfp', '.dfnn'];

/**
 * Resolves `import "…"` statements of `.dfp` files: `.dfp` files (their operations and
 * pipelines become visible) and `.dfnn` files (their networks and blocks, for references such
 * as `architecture=VGG`). Paths are relative to the importing file. Imports are not transitive.
 */
export interface DfpImportResolver {
    /** The URI an import denotes. */
    resolve(node: Import): URI;
    /** The URIs of every import of a document, loaded or not, in import order. */
    importedUris(document: LangiumDocument): URI[];
    /** The documents a document imports that are loaded in the workspace, in import order. */
    importedDocuments(document: LangiumDocument): LangiumDocument[];
}

export class DefaultDfpImportResolver extends DocumentImportResolver implements DfpImportResolver {
    constructor(services: DfpServices) {
        super(services);
    }
}
