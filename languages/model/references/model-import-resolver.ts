import { AstUtils, type LangiumDocument, type LangiumDocuments, type URI } from 'langium';
import type { Import, ModelDocument } from '../../generated/ast.js';
import { resolveDocumentPath } from '../../workspace/paths.js';
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

export class DefaultModelImportResolver implements ModelImportResolver {
    protected readonly documents: LangiumDocuments;

    constructor(services: ModelServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    resolve(node: Import): URI {
        return resolveDocumentPath(AstUtils.getDocument(node).uri, node.path);
    }

    importedDocuments(document: LangiumDocument): LangiumDocument[] {
        const model = document.parseResult.value as ModelDocument;
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
