import {
    AstUtils, CstUtils, GrammarAST, UriUtils, type AstNode, type AstNodeDescription, type FileSystemProvider, type LangiumDocument, type MaybePromise,
    type ReferenceInfo, type URI
} from 'langium';
import type { CompletionAcceptor, CompletionContext, CompletionValueItem, NextFeature } from 'langium/lsp';
import { RESOURCE_KEYS } from '../../../metamodel/pipeline/resources.js';
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver';
import { isOperation, isPipeline, isResourcesSection, isStep, type Operation, type Pipeline } from '../../generated/ast.js';
import type { CallContext } from '../../lsp/call-context.js';
import { DeepForgeCompletionProvider, type ContextCompletion } from '../../lsp/deepforge-completion-provider.js';
import type { DfpOperationInfo } from './dfp-operation-info.js';
import type { DfpLspServices } from './dfp-lsp-module.js';

/**
 * Completion in `.dfp` files: Langium's (keywords; operations, steps, networks) with details,
 * plus the attribute and reference names of a step's operation (with type and default), enum
 * values, input port names in the input group, a step's outputs after `step.`, import paths, and
 * the files inside this file's folder in `code "…"` (Python files) and `environment "…"`
 * (dependency files), and the keys of `resources { … }`.
 */
export class DfpCompletionProvider extends DeepForgeCompletionProvider {
    protected readonly importableExtensions = ['.dfp', '.dfnn'];
    protected readonly info: DfpOperationInfo;
    protected readonly services: DfpLspServices;
    protected readonly fileSystem: FileSystemProvider;
    /** The extensions of the files offered in the path string of a section, by its keyword. */
    protected readonly sectionFileExtensions: Readonly<Record<string, readonly string[]>> = {
        code: ['.py'],
        environment: ['.yml', '.yaml', '.txt']
    };
    /** Folders not searched for such files. */
    protected readonly skippedFolders = new Set(['node_modules', '__pycache__', 'out', 'dist', 'build']);
    /** How deep below this file's folder, and how many files at most. */
    protected readonly fileSearch = { depth: 4, files: 500 };

    constructor(services: DfpLspServices) {
        super(services);
        this.services = services;
        this.info = services.lsp.OperationInfo;
        this.fileSystem = services.shared.workspace.FileSystemProvider;
    }

    protected override async contextCompletion(document: LangiumDocument, context: CallContext, offset: number, position: Position): Promise<ContextCompletion | undefined> {
        const extensions = context.string && context.previous ? this.sectionFileExtensions[context.previous] : undefined;
        if (extensions) return { items: await this.fileItems(document, context, offset, extensions), exclusive: true };
        return this.callCompletion(document, context, offset, position);
    }

    /**
     * In `code "…"` or `environment "…"`: the files with one of the extensions in this file's
     * folder and below, relative to it (the paths such a section may name), nearest first.
     */
    protected async fileItems(document: LangiumDocument, context: CallContext, offset: number, extensions: readonly string[]): Promise<CompletionItem[]> {
        const range = this.stringContentRange(document, context, offset);
        const folder = UriUtils.dirname(document.uri);
        const files = await this.findFiles(folder, extensions);
        return files.map(uri => {
            const path = UriUtils.relative(folder, uri);
            return {
                label: path, kind: CompletionItemKind.File, textEdit: { range, newText: path },
                sortText: `${String(path.split('/').length).padStart(2, '0')}${path}`
            };
        });
    }

    /** The files with one of the extensions below a folder (breadth first; no hidden or skipped folders). */
    protected async findFiles(root: URI, extensions: readonly string[]): Promise<URI[]> {
        const found: URI[] = [];
        let level: URI[] = [root];
        for (let depth = 0; depth <= this.fileSearch.depth && level.length > 0 && found.length < this.fileSearch.files; depth++) {
            const next: URI[] = [];
            for (const folder of level) {
                let entries;
                try {
                    entries = await this.fileSystem.readDirectory(folder);
                } catch {
                    continue; // unreadable: nothing to offer from it
                }
                for (const entry of entries) {
                    const name = UriUtils.basename(entry.uri);
                    if (name.startsWith('.')) continue;
                    if (entry.isDirectory && !this.skippedFolders.has(name)) next.push(entry.uri);
                    else if (entry.isFile && extensions.some(extension => name.endsWith(extension)) && found.length < this.fileSearch.files) found.push(entry.uri);
                }
            }
            level = next;
        }
        return found;
    }

    protected documents() {
        return this.services.shared.workspace.LangiumDocuments;
    }

    /** In a step's call: argument names and values, input ports, a step's outputs. */
    protected callCompletion(document: LangiumDocument, context: CallContext, offset: number, _position: Position): ContextCompletion | undefined {
        const group = context.group;
        if (!group || group.calleeOffset === undefined) return undefined;
        const operation = this.operationAt(document, group.calleeOffset, group.callee);
        if (!operation) return undefined;
        if (group.kind === 'arguments') {
            const parameters = this.info.parameters(operation);
            if (group.keyword && (context.previous === '=' || context.string)) {
                const parameter = parameters.find(p => p.name === group.keyword);
                const items = this.valueItems(document, parameter?.attributeType, context, offset);
                return { items: context.string ? items : [...items, ...this.valueNames(document, context)], exclusive: Boolean(context.string) };
            }
            return { items: [...this.argumentItems(parameters, context), ...this.valueNames(document, context)], exclusive: false };
        }
        if (context.member) return { items: this.outputItems(document, group.open, context.member), exclusive: true };
        const spec = this.info.resolve(operation).spec;
        const ports = spec.inputs.map(input => ({ name: input.name, type: input.typeName, required: input.required, keywordOnly: true }));
        return { items: this.argumentItems(ports, context), exclusive: false };
    }

    /** The outputs of the step named `step` in the pipeline around an offset. */
    protected outputItems(document: LangiumDocument, offset: number, stepName: string): CompletionItem[] {
        const pipeline = this.pipelineAt(document, offset);
        const step = pipeline?.steps.find(s => s.name === stepName);
        const operation = step?.operation?.ref;
        if (!operation) return [];
        return this.info.resolve(operation).spec.outputs.map((output, i) => ({
            label: output.name, kind: CompletionItemKind.Field, detail: output.typeName ? `${output.typeName} — output of ${operation.name}` : `output of ${operation.name}`,
            sortText: String(i).padStart(3, '0')
        }));
    }

    /** The operation of the step whose call starts at an offset (or by name, in the scope of the file); signature help uses it too. */
    operationOf(document: LangiumDocument, calleeOffset: number, name: string | undefined): Operation | undefined {
        return this.operationAt(document, calleeOffset, name);
    }

    /** The operation of the step whose call starts at an offset (or by name, in the scope of the file). */
    protected operationAt(document: LangiumDocument, calleeOffset: number, name: string | undefined): Operation | undefined {
        const root = document.parseResult.value.$cstNode;
        const node: AstNode | undefined = root ? CstUtils.findLeafNodeAtOffset(root, calleeOffset)?.astNode : undefined;
        if (isStep(node) && node.operation?.ref) return node.operation.ref;
        if (!name) return undefined;
        const model = document.parseResult.value;
        const local = AstUtils.streamAst(model).filter(isOperation).find(op => op.name === name);
        if (local) return local;
        const description = this.services.references.Library.descriptions.find(d => d.name === name);
        return isOperation(description?.node) ? description.node : undefined;
    }

    protected pipelineAt(document: LangiumDocument, offset: number): Pipeline | undefined {
        const root = document.parseResult.value.$cstNode;
        const node = root ? CstUtils.findLeafNodeAtOffset(root, offset)?.astNode : undefined;
        return node ? AstUtils.getContainerOfType(node, isPipeline) : undefined;
    }

    /** Names at a value position of the argument list (after `(`, `,` or `name=`). */
    protected valueNames(document: LangiumDocument, context: CallContext): CompletionItem[] {
        const group = context.group;
        if (!group || group.calleeOffset === undefined || !['(', ',', '='].includes(context.previous ?? '')) return [];
        return this.valueNameItems(document, group.calleeOffset);
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        if (this.isResourceKeyPosition(next)) return this.resourceKeyCompletion(context, acceptor);
        return super.completionFor(context, next, acceptor);
    }

    /** Whether `next` is the key of a `resources { … }` entry. */
    protected isResourceKeyPosition(next: NextFeature): boolean {
        const assignment = AstUtils.getContainerOfType(next.feature, GrammarAST.isAssignment);
        return assignment?.feature === 'name' && AstUtils.getContainerOfType(next.feature, GrammarAST.isParserRule)?.name === 'ResourceEntry';
    }

    /** In `resources { … }`: the keys not given yet, as `key: ` with what each asks for. */
    protected resourceKeyCompletion(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const section = context.node ? AstUtils.getContainerOfType(context.node, isResourcesSection) : undefined;
        const given = new Set((section?.entries ?? []).map(entry => entry.name));
        Object.entries(RESOURCE_KEYS).forEach(([key, spec], i) => {
            if (given.has(key)) return;
            acceptor(context, {
                label: key, kind: CompletionItemKind.Property, insertText: `${key}: `, sortText: String(i).padStart(2, '0'),
                detail: `${spec.type} → sbatch ${spec.sbatch}`, documentation: `${spec.description}, e.g. \`${key}: ${spec.example}\``
            });
        });
    }

    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        const node = description.node;
        if (isOperation(node)) {
            const spec = this.info.resolve(node).spec;
            return { ...item, detail: this.info.formatInterface(spec), documentation: spec.doc };
        }
        if (isStep(node) && node.operation?.ref) {
            const outputs = this.info.resolve(node.operation.ref).spec.outputs.map(o => o.name);
            return { ...item, detail: `${node.operation.$refText} → ${outputs.join(', ') || 'None'}` };
        }
        return item;
    }
}
