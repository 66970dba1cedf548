import { AstUtils, type LangiumDocument } from 'langium';
import { DefaultCompletionProvider } from 'langium/lsp';
import { CompletionItemKind, type CompletionItem, type CompletionList, type CompletionParams, type Range } from 'vscode-languageserver';
import { enumValues, type AttributeType, type MetamodelFile, type ResolvedMetaType } from '../../../metamodel/core/index.js';
import { isModelDocument, isModelNodeDeclaration, type ModelNodeDeclaration } from '../../generated/ast.js';
import type { ModelServices } from '../model-module.js';
import type { ModelScopeProvider } from '../references/model-scope-provider.js';
import { attributeDoc, attributeSignature, portDoc, referenceDoc, typeDoc } from './model-docs.js';

/**
 * Completion in model documents, from the metamodel file and the text before the cursor (so it
 * works while the line is still incomplete):
 * - at the start of a line: in a node's braces, its attributes (detail: type and default) and
 *   references not written yet, the types it may contain and `connect`; at the top level, the
 *   top-level types and `import`;
 * - after `attribute:`, the values that fit: enum values, `True`/`False`, and for references the
 *   names of the nodes of the target type (this file and imported ones);
 * - after `node.` in a connection, the node's outputs (before `->`) or inputs (after it).
 */
export class ModelCompletionProvider extends DefaultCompletionProvider {
    protected readonly file: MetamodelFile;
    protected readonly scopes: ModelScopeProvider;

    constructor(services: ModelServices) {
        super(services);
        this.file = services.model.MetamodelFile;
        this.scopes = services.references.ScopeProvider as ModelScopeProvider;
    }

    override async getCompletion(document: LangiumDocument, params: CompletionParams): Promise<CompletionList | undefined> {
        const text = document.textDocument.getText();
        const offset = document.textDocument.offsetAt(params.position);
        const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        const prefix = text.substring(lineStart, offset);
        if (/#/.test(prefix.replace(/"(\\.|[^"\\])*"|'(\\.|[^'\\])*'/g, ''))) return { isIncomplete: false, items: [] };
        const enclosing = enclosingTypes(text, offset);
        const owner = enclosing.length > 0 ? this.file.metamodel.get(enclosing[enclosing.length - 1]) : undefined;
        const replace = (length: number): Range => ({ start: document.textDocument.positionAt(offset - length), end: params.position });

        const value = /(\w+)\s*:\s*(["']?[\w.-]*)$/.exec(prefix);
        if (value) return { isIncomplete: false, items: owner ? this.valueItems(document, owner, value[1], replace(value[2].length)) : [] };
        const port = /(\w+)\.(\w*)$/.exec(prefix);
        if (port) return { isIncomplete: false, items: this.portItems(document, port[1], /->[^>]*$/.test(prefix) ? 'input' : 'output', replace(port[2].length)) };
        const member = /^\s*(\w*)$/.exec(prefix);
        if (member) return { isIncomplete: false, items: this.memberItems(document, enclosing.length > 0 ? owner : undefined, enclosing.length === 0, offset, replace(member[1].length)) };
        return super.getCompletion(document, params);
    }

    /** What may start a line: attributes, references, contained types, `connect` (or, at the top level, root types and `import`). */
    protected memberItems(document: LangiumDocument, owner: ResolvedMetaType | undefined, topLevel: boolean, offset: number, range: Range): CompletionItem[] {
        const items: CompletionItem[] = [];
        const metamodel = this.file.metamodel;
        const concrete = metamodel.all().filter(t => !t.abstract);
        let types = concrete;
        if (topLevel) {
            if (this.file.roots) types = concrete.filter(t => this.file.roots!.some(root => metamodel.isA(t.name, root)));
            items.push({ label: 'import', kind: CompletionItemKind.Keyword, textEdit: { range, newText: 'import ' }, sortText: '3' });
        } else if (owner) {
            const written = this.writtenProperties(document, offset);
            for (const def of owner.attributes) {
                if (written.has(def.name)) continue;
                items.push({
                    label: def.name, kind: CompletionItemKind.Property, detail: attributeSignature(def),
                    documentation: { kind: 'markdown', value: attributeDoc(def, owner.name) },
                    textEdit: { range, newText: `${def.name}: ` }, sortText: `0${def.required ? 0 : 1}${def.name}`
                });
            }
            for (const def of owner.references) {
                if (written.has(def.name)) continue;
                items.push({
                    label: def.name, kind: CompletionItemKind.Reference, detail: `→ ${def.target}${def.required ? ' (required)' : ''}`,
                    documentation: { kind: 'markdown', value: referenceDoc(def, owner.name) },
                    textEdit: { range, newText: `${def.name}: ` }, sortText: `1${def.name}`
                });
            }
            const contains = owner.lineage.flatMap(name => metamodel.get(name)?.definition.contains ?? []);
            types = concrete.filter(t => contains.some(c => metamodel.isA(t.name, c)));
            items.push({ label: 'connect', kind: CompletionItemKind.Keyword, textEdit: { range, newText: 'connect ' }, sortText: '3' });
        } else {
            types = [];
        }
        for (const type of types) {
            const resolved = metamodel.get(type.name)!;
            items.push({
                label: type.name, kind: CompletionItemKind.Class, detail: type.doc?.split(/\.\s/)[0],
                documentation: { kind: 'markdown', value: typeDoc(resolved, this.file) },
                textEdit: { range, newText: `${type.name} ` }, sortText: `2${type.name}`
            });
        }
        return items;
    }

    /** The values that fit an attribute or a reference. */
    protected valueItems(document: LangiumDocument, owner: ResolvedMetaType, name: string, range: Range): CompletionItem[] {
        const reference = owner.references.find(r => r.name === name);
        if (reference) {
            const metamodel = this.file.metamodel;
            const scope = this.scopes.getReferenceCandidates(document);
            return scope.filter(d => isModelNodeDeclaration(d.node) && metamodel.isA(d.node.type, reference.target)).map(d => ({
                label: d.name, kind: CompletionItemKind.Reference, detail: (d.node as ModelNodeDeclaration).type,
                textEdit: { range, newText: d.name }
            }));
        }
        const def = owner.attribute(name);
        if (!def) return [];
        const items: CompletionItem[] = enumValues(def.type).map(v => ({
            label: JSON.stringify(v), kind: CompletionItemKind.EnumMember, detail: `${owner.name}.${name}`,
            textEdit: { range, newText: JSON.stringify(v) }
        }));
        if (acceptsBool(def.type)) items.push(...['True', 'False'].map(v => ({ label: v, kind: CompletionItemKind.Value, textEdit: { range, newText: v } })));
        if (def.default !== undefined && items.length === 0) {
            const text = JSON.stringify(def.default).replace(/^true$/, 'True').replace(/^false$/, 'False').replace(/^null$/, 'None');
            items.push({ label: text, kind: CompletionItemKind.Value, detail: 'default', textEdit: { range, newText: text } });
        }
        return items;
    }

    /** The ports of a node of this file, by side. */
    protected portItems(document: LangiumDocument, nodeName: string, side: 'input' | 'output', range: Range): CompletionItem[] {
        const root = document.parseResult.value;
        if (!isModelDocument(root)) return [];
        const node = AstUtils.streamAllContents(root).filter(isModelNodeDeclaration).find(n => n.name === nodeName);
        const type = node ? this.file.metamodel.get(node.type) : undefined;
        if (!type) return [];
        return (side === 'input' ? type.inputs : type.outputs).map(port => ({
            label: port.name, kind: CompletionItemKind.Field, detail: `${side}${port.typeName ? `: ${port.typeName}` : ''}`,
            documentation: { kind: 'markdown', value: portDoc(port, side, type.name) },
            textEdit: { range, newText: port.name }
        }));
    }

    /** The property names already written in the braces around the offset (at their level). */
    protected writtenProperties(document: LangiumDocument, offset: number): Set<string> {
        const text = document.textDocument.getText();
        const open = enclosingBrace(text, offset);
        const names = new Set<string>();
        if (open < 0) return names;
        let depth = 0;
        const body = text.substring(open + 1);
        const pattern = /"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|#[^\n]*|[{}]|(\w+)\s*:/g;
        for (let match = pattern.exec(body); match; match = pattern.exec(body)) {
            if (match[0] === '{') depth++;
            else if (match[0] === '}') { if (depth-- === 0) break; }
            else if (match[1] && depth === 0) names.add(match[1]);
        }
        return names;
    }
}

function acceptsBool(type: AttributeType): boolean {
    return type.kind === 'bool' || type.kind === 'any' || (type.kind === 'optional' && acceptsBool(type.of)) || (type.kind === 'union' && type.options.some(acceptsBool));
}

/** Scans the text up to `offset` (strings and comments skipped): the open braces, innermost last. */
function openBraces(text: string, offset: number): number[] {
    const stack: number[] = [];
    const pattern = /"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?|#[^\n]*|[{}]/g;
    const head = text.substring(0, offset);
    for (let match = pattern.exec(head); match; match = pattern.exec(head)) {
        if (match[0] === '{') stack.push(match.index);
        else if (match[0] === '}') stack.pop();
    }
    return stack;
}

function enclosingBrace(text: string, offset: number): number {
    const stack = openBraces(text, offset);
    return stack.length > 0 ? stack[stack.length - 1] : -1;
}

/** The types of the nodes whose braces hold the offset, outermost first (`Type name {`). */
export function enclosingTypes(text: string, offset: number): string[] {
    return openBraces(text, offset).map(index => /(\w+)\s+\w+\s*$/.exec(text.substring(Math.max(0, index - 200), index))?.[1] ?? '');
}
