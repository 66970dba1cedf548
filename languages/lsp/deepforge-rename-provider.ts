import { AstUtils, CstUtils, type AstNode, type LangiumDocument } from 'langium';
import { DefaultRenameProvider, type LangiumServices } from 'langium/lsp';
import { ResponseError, type Range, type RenameParams, type TextDocumentPositionParams, type WorkspaceEdit } from 'vscode-languageserver';
import type { CancellationToken } from 'vscode-languageserver-protocol';
import { BUILTIN_SCHEME } from '../dfnn/references/dfnn-library.js';

const IDENTIFIER = /^[_a-zA-Z]\w*$/;
/** Keywords of either language: not valid names. */
const KEYWORDS = new Set(['import', 'network', 'block', 'inputs', 'outputs', 'shared', 'library', 'class', 'operation', 'pipeline',
    'attributes', 'references', 'code', 'environment', 'True', 'False', 'None']);

/**
 * Rename of layers, blocks, networks, operations and steps across files and languages
 * (Langium's: the declaration and every reference in the index). Names of the built-in
 * libraries (layer types, `Input`/`Output`) cannot be renamed, and the new name must be an
 * identifier that is not a keyword.
 */
export class DeepForgeRenameProvider extends DefaultRenameProvider {
    constructor(services: LangiumServices) {
        super(services);
    }

    override async rename(document: LangiumDocument, params: RenameParams, cancelToken?: CancellationToken): Promise<WorkspaceEdit | undefined> {
        if (!IDENTIFIER.test(params.newName) || KEYWORDS.has(params.newName)) {
            throw new ResponseError(-32602, `\`${params.newName}\` is not a valid name`);
        }
        const target = this.targetAt(document, params);
        if (!target || this.isBuiltin(target)) return undefined;
        const edit = await super.rename(document, params, cancelToken);
        return edit ? this.moreEdits(target, params.newName, edit) : edit;
    }

    override prepareRename(document: LangiumDocument, params: TextDocumentPositionParams, cancelToken?: CancellationToken): Range | undefined {
        const target = this.targetAt(document, params);
        if (!target || this.isBuiltin(target)) return undefined;
        return super.prepareRename(document, params, cancelToken) as Range | undefined;
    }

    /** Edits beyond the language's references (e.g. an operation's Python class). */
    protected moreEdits(_target: AstNode, _newName: string, edit: WorkspaceEdit): WorkspaceEdit {
        return edit;
    }

    /** The declaration a position names (itself or through a reference). */
    protected targetAt(document: LangiumDocument, params: TextDocumentPositionParams): AstNode | undefined {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(params.position), this.grammarConfig.nameRegexp);
        return leaf ? this.references.findDeclarations(leaf)[0] : undefined;
    }

    protected isBuiltin(node: AstNode): boolean {
        return AstUtils.getDocument(node).uri.scheme === BUILTIN_SCHEME;
    }
}
