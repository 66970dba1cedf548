import { AstUtils, type LangiumDocument, type LangiumDocuments, URI } from 'langium';
import type { DfpModel, Import } from '../../generated/ast.js';
import type { DfpServices } from '../dfp-module.js';
import { resolveDocumentPath } from '../../workspace/paths.js';

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
    /** The documents a document imports that are loaded in the workspace, in import order. */
    importedDocuments(document: LangiumDocument): LangiumDocument[];
}

export class DefaultDfpImportResolver implements DfpImportResolver {
    protected readonly documents: LangiumDocuments;

    constructor(services: DfpServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    resolve(node: Import): URI {
        const document = AstUtils.getDocument(node);
        return resolveDocumentPath(document.uri, node.path);
    }

    importedDocuments(document: LangiumDocument): LangiumDocument[] {
        const model = document.parseResult.value as DfpModel;
        const result: LangiumDocument[] = [];
        const seen = new Set<string>([document.uri.toString()]);
        for (const node of model.imports ?? []) {
            if (!node.path) continue;
            const uri = this.resolve(node);
            const key = uri.toString();
            if (seen.has(key) || !this.documents.hasDocument(uri)) continue;
            seen.add(key);
            result.push(this.documents.getDocument(uri)!);
        }
        return result;
    }
}
