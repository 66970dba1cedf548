import { AstUtils, type LangiumDocument, type LangiumDocuments, URI } from 'langium';
import type { DfnnModel, Import } from '../../generated/ast.js';
import type { DfnnServices } from '../dfnn-module.js';
import { resolveDocumentPath } from '../../workspace/paths.js';

/** Resolves `import "other.dfnn"` statements to documents. Imports are not transitive. */
export interface DfnnImportResolver {
    /** The URI an import denotes (relative to the importing document). */
    resolve(node: Import): URI;
    /** The documents a document imports that are loaded in the workspace, in import order. */
    importedDocuments(document: LangiumDocument): LangiumDocument<DfnnModel>[];
}

export class DefaultDfnnImportResolver implements DfnnImportResolver {
    protected readonly documents: LangiumDocuments;

    constructor(services: DfnnServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    resolve(node: Import): URI {
        const document = AstUtils.getDocument(node);
        return resolveDocumentPath(document.uri, node.path);
    }

    importedDocuments(document: LangiumDocument): LangiumDocument<DfnnModel>[] {
        const model = document.parseResult.value as DfnnModel;
        const result: LangiumDocument<DfnnModel>[] = [];
        for (const node of model.imports ?? []) {
            if (!node.path) continue;
            const uri = this.resolve(node);
            if (this.documents.hasDocument(uri) && uri.toString() !== document.uri.toString()) {
                result.push(this.documents.getDocument(uri) as LangiumDocument<DfnnModel>);
            }
        }
        return result;
    }
}
