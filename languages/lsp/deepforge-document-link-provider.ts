import { AstUtils, GrammarUtils, type LangiumDocument, type MaybePromise } from 'langium';
import type { DocumentLinkProvider } from 'langium/lsp';
import type { DocumentLink, DocumentLinkParams } from 'vscode-languageserver';
import { isCodeSection, isEnvironmentSection, isImport, type CodeSection, type EnvironmentSection, type Import } from '../generated/ast.js';
import { resolveDocumentPath } from '../workspace/paths.js';

/**
 * Document links of both languages: the path of each `import "…"` (to the imported file) and of
 * each `code "…"` and `environment "…"` section (to the operation's Python code, its environment
 * file), resolved relative to the document. The link covers the path inside the quotes.
 */
export class DeepForgeDocumentLinkProvider implements DocumentLinkProvider {
    getDocumentLinks(document: LangiumDocument, _params: DocumentLinkParams): MaybePromise<DocumentLink[]> {
        const links: DocumentLink[] = [];
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            if (isImport(node) || isCodeSection(node) || isEnvironmentSection(node)) {
                const link = this.link(document, node);
                if (link) links.push(link);
            }
        }
        return links;
    }

    protected link(document: LangiumDocument, node: Import | CodeSection | EnvironmentSection): DocumentLink | undefined {
        const cst = node.$cstNode ? GrammarUtils.findNodeForProperty(node.$cstNode, 'path') : undefined;
        if (!node.path || !cst) return undefined;
        const target = resolveDocumentPath(document.uri, node.path).toString();
        const range = {
            start: { line: cst.range.start.line, character: cst.range.start.character + 1 },
            end: { line: cst.range.end.line, character: Math.max(cst.range.start.character + 1, cst.range.end.character - 1) }
        };
        return { range, target, tooltip: isImport(node) ? 'Open the imported file' : isCodeSection(node) ? 'Open the operation\'s code' : 'Open the environment file' };
    }
}
