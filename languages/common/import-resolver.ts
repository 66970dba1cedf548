import { AstUtils, type LangiumCoreServices, type LangiumDocument, type LangiumDocuments, type URI } from 'langium';
import type { Import } from '../generated/ast.js';
import { resolveDocumentPath } from '../workspace/paths.js';

/**
 * Resolves the `import "…"` statements of a document (the `Import` of `common.langium`): paths
 * are relative to the importing file; imports are not transitive. The languages' import
 * resolvers extend it.
 */
export class DocumentImportResolver {
    protected readonly documents: LangiumDocuments;

    constructor(services: LangiumCoreServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    /** The URI an import denotes (relative to the importing document). */
    resolve(node: Import): URI {
        return resolveDocumentPath(AstUtils.getDocument(node).uri, node.path);
    }

    /** The URIs of every import of a document, loaded or not, in import order (the workspace loader loads them). */
    importedUris(document: LangiumDocument): URI[] {
        const imports = (document.parseResult.value as { imports?: Import[] }).imports ?? [];
        return imports.filter(node => node.path).map(node => this.resolve(node));
    }

    /** The documents a document imports that are loaded in the workspace, in import order (itself and repeats left out). */
    importedDocuments(document: LangiumDocument): LangiumDocument[] {
        const imports = (document.parseResult.value as { imports?: Import[] }).imports ?? [];
        const result: LangiumDocument[] = [];
        const seen = new Set<string>([document.uri.toString()]);
        for (const node of imports) {
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
