import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { DiagramContext } from '../diagram-sources.js';
import { basicType, type DiagramChild, type DiagramGraph, type DiagramNode, type DiagramPort } from '../../../diagram/model/diagram-model.js';

/** What a handler makes of an action: text edits (of the diagram's document), or why not. */
export type EditResult = {
    readonly edits: TextEdit[];
    /** Edits of several documents (a rename), when not only the diagram's. */
    readonly changes?: Record<string, TextEdit[]>;
} | { readonly error: string };

/** One handler per edit operation (GLSP style). */
export interface EditHandler<A extends { kind: string }> {
    readonly kind: A['kind'];
    handle(action: A, context: DiagramContext): EditResult | Promise<EditResult>;
}

export function failed(error: string): EditResult {
    return { error };
}

/** Deletes a statement: its whole lines when nothing else is on them, else just its text. */
export function deleteStatement(text: TextDocument, range: Range): TextEdit {
    const content = text.getText();
    const start = text.offsetAt(range.start);
    const end = text.offsetAt(range.end);
    const lineStart = content.lastIndexOf('\n', start - 1) + 1;
    const newline = content.indexOf('\n', end);
    const lineEnd = newline < 0 ? content.length : newline;
    const rest = content.substring(end, lineEnd);
    if (content.substring(lineStart, start).trim() === '' && (rest.trim() === '' || rest.trim().startsWith('#'))) {
        return { range: { start: text.positionAt(lineStart), end: text.positionAt(newline < 0 ? lineEnd : newline + 1) }, newText: '' };
    }
    return { range, newText: '' };
}

/** Removes an item of a comma-separated list (`(a, b)`, `outputs a, b`) with one of its commas. */
export function removeListItem(text: TextDocument, range: Range): TextEdit {
    const content = text.getText();
    const start = text.offsetAt(range.start);
    const end = text.offsetAt(range.end);
    let after = end;
    while (after < content.length && /[ \t]/.test(content[after])) after++;
    if (content[after] === ',') {
        after++;
        while (after < content.length && /[ \t]/.test(content[after])) after++;
        return { range: { start: range.start, end: text.positionAt(after) }, newText: '' };
    }
    let before = start;
    while (before > 0 && /[ \t]/.test(content[before - 1])) before--;
    if (content[before - 1] === ',') return { range: { start: text.positionAt(before - 1), end: range.end }, newText: '' };
    return { range, newText: '' };
}

/**
 * Appends an item to the list that ends with the closing bracket at `close` (the offset of `)`):
 * `(a)` → `(a, b)`, `()` → `(b)`.
 */
export function appendListItem(text: TextDocument, close: number, item: string): TextEdit {
    const content = text.getText();
    let before = close;
    while (before > 0 && /\s/.test(content[before - 1])) before--;
    const empty = content[before - 1] === '(' || content[before - 1] === ',';
    const at = text.positionAt(before);
    return { range: { start: at, end: at }, newText: empty ? (content[before - 1] === ',' ? ` ${item}` : item) : `, ${item}` };
}

/** Inserts a line after the line holding `range.end`, indented like that line. */
export function insertLineAfter(text: TextDocument, range: Range, line: string): TextEdit {
    const content = text.getText();
    const end = text.offsetAt(range.end);
    const newline = content.indexOf('\n', end);
    if (newline < 0) {
        const at = text.positionAt(content.length);
        return { range: { start: at, end: at }, newText: `\n${line}` };
    }
    const at = text.positionAt(newline + 1);
    return { range: { start: at, end: at }, newText: `${line}\n` };
}

/** The indentation of the line holding a position, and the column of its first `=` (for aligned statements). */
export function lineLayout(text: TextDocument, line: number): { indent: string; equals?: number } {
    const content = text.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
    const indent = /^\s*/.exec(content)![0];
    const equals = /^\s*\w+\s*=(?!=)/.exec(content);
    return { indent, equals: equals ? equals[0].length - 1 : undefined };
}

/** `name = value` aligned like its neighbour (`image  = Input(…)`). */
export function alignedStatement(indent: string, equals: number | undefined, name: string, value: string): string {
    const width = equals !== undefined ? Math.max(equals - indent.length - 1, name.length) : name.length;
    return `${indent}${name.padEnd(width)} = ${value}`;
}

/** Sorts edits and merges overlapping deletions (removing two items of one list), dropping repeats. */
export function normalizeEdits(text: TextDocument, edits: readonly TextEdit[]): TextEdit[] {
    const spans = edits.map(edit => ({ start: text.offsetAt(edit.range.start), end: text.offsetAt(edit.range.end), newText: edit.newText }))
        .sort((a, b) => a.start - b.start || a.end - b.end);
    const merged: typeof spans = [];
    for (const span of spans) {
        const last = merged[merged.length - 1];
        if (last && span.start < last.end && last.newText === '' && span.newText === '') last.end = Math.max(last.end, span.end);
        else if (last && span.start === last.start && span.end === last.end && span.newText === last.newText) continue;
        else merged.push({ ...span });
    }
    return merged.map(span => ({ range: { start: text.positionAt(span.start), end: text.positionAt(span.end) }, newText: span.newText }));
}

/** The elements of a diagram by id, with their parents. */
export function indexModel(model: DiagramGraph): Map<string, { element: DiagramChild; parent?: DiagramChild }> {
    const index = new Map<string, { element: DiagramChild; parent?: DiagramChild }>();
    const visit = (element: DiagramChild, parent?: DiagramChild) => {
        index.set(element.id, { element, parent });
        for (const child of (element.children ?? []) as DiagramChild[]) visit(child, element);
    };
    for (const child of model.children as DiagramChild[]) visit(child);
    return index;
}

/** The node and port of a port id. */
export function portOf(context: DiagramContext, id: string): { node: DiagramNode; port: DiagramPort } | undefined {
    const entry = indexModel(context.model).get(id);
    if (!entry || basicType(entry.element.type) !== 'port' || !entry.parent) return undefined;
    return { node: entry.parent as DiagramNode, port: entry.element as DiagramPort };
}

/** A name not used in the graph: `dense`, `dense_2`, … */
export function freshName(used: Iterable<string>, base: string): string {
    const taken = new Set(used);
    if (!taken.has(base)) return base;
    for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** `Conv2D` → `conv2d`, `BatchNormalization` → `batch_normalization`, `TrainDigits` → `train_digits`. */
export function snakeCase(name: string): string {
    return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase().replace(/(\d)_d\b/, '$1d');
}
