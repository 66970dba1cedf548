import { CstUtils, type AstNode, type LangiumDocument, type RootCstNode } from 'langium';

/**
 * The text before a cursor that completion needs to parse, shortened. Langium's completion parses
 * the whole text up to the cursor from the entry rule to learn what may come next; in a
 * 2,000-layer network that is most of the time a completion takes. The parse state at the cursor
 * is the same without the complete list elements before the one the cursor is in: the statements
 * before the cursor's statement, the arguments before its argument, the top-level elements before
 * its element — a list of the grammar (`statements+=Statement*`, `args+=A (',' args+=A)*`) parses
 * its next element the same whichever elements came before. So the shortened text keeps
 * everything else verbatim (the headers, the current element up to the cursor) and parses from
 * the entry rule as before, so what may follow the current element is still found.
 *
 * Elements are only left out where the document's parse is of this text, where it found no error
 * before the cursor, where the cursor is past the first token of its element, and where the elements are separated by nothing but whitespace,
 * comments and a separator (`,`, `|`): then the shortened text parses like the whole.
 */
export interface CompletionPrefix {
    /** The text to parse: the prefix up to the cursor, less the elements left out. */
    readonly text: string;
    /** The `[start, end)` ranges of the document's text left out, in order. */
    readonly removed: ReadonlyArray<readonly [number, number]>;
}

/** The list properties of both languages' statements (outside brackets): where a call context may be read from. */
export const STATEMENT_LIST_PROPERTIES: ReadonlySet<string> = new Set(['statements', 'steps', 'sections', 'elements']);

/** What may separate two elements of a list (besides whitespace and comments). */
const SEPARATORS = new Set(['', ',', '|']);

/** The prefix up to `offset` of the document's text, without the list elements before the cursor's ({@link CompletionPrefix}). */
export function completionPrefix(document: LangiumDocument, offset: number): CompletionPrefix {
    const text = document.textDocument.getText();
    const removed = removableRanges(document, offset);
    let prefix = '';
    let from = 0;
    for (const [start, end] of removed) {
        prefix += text.substring(from, start);
        from = end;
    }
    return { text: prefix + text.substring(from, offset), removed };
}

/**
 * Where the text around `offset` can be scanned from as if from the start of the document: the
 * start of the element before the cursor's in the nearest enclosing list whose property is one
 * of `properties` (statement lists, which are not inside brackets), so the token before the
 * cursor's element is there too — of its container for the first element; 0 where the
 * document's parse cannot tell (a parse error before the cursor, a parse of other text).
 */
export function listElementContextStart(document: LangiumDocument, offset: number, properties: ReadonlySet<string>): number {
    const root = document.parseResult?.value?.$cstNode as RootCstNode | undefined;
    if (!root || root.fullText !== document.textDocument.getText()) return 0;
    let node: AstNode | undefined = CstUtils.findLeafNodeBeforeOffset(root, offset)?.astNode;
    while (node?.$container && !(node.$containerProperty && properties.has(node.$containerProperty))) node = node.$container;
    const siblings = node ? siblingsOf(node) : undefined;
    const index = node?.$containerIndex;
    if (!node || !siblings || index === undefined || !node.$cstNode || node.$cstNode.offset > offset) return 0;
    if (firstErrorOffset(document) <= offset) return 0;
    // The first element of its list: from its container, a top-level element (outside brackets too).
    return (index > 0 ? siblings[index - 1].$cstNode?.offset : node.$container?.$cstNode?.offset) ?? 0;
}

/** The ranges of list elements before the cursor's that can be left out, outermost first. */
export function removableRanges(document: LangiumDocument, offset: number): Array<readonly [number, number]> {
    const root = document.parseResult?.value?.$cstNode as RootCstNode | undefined;
    const text = document.textDocument.getText();
    if (!root || root.fullText !== text) return [];
    // A parse error before the cursor may lie in what would be left out, or have moved the elements' bounds.
    if (firstErrorOffset(document) <= offset) return [];
    const ranges: Array<readonly [number, number]> = [];
    let node: AstNode | undefined = CstUtils.findLeafNodeBeforeOffset(root, offset)?.astNode;
    for (; node?.$container; node = node.$container) {
        const index = node.$containerIndex;
        const siblings = siblingsOf(node);
        const own = node.$cstNode;
        if (!siblings || index === undefined || index === 0 || !own || own.offset >= offset) continue;
        const first = siblings[0].$cstNode;
        if (!first || first.offset >= own.offset) continue;
        if (!separatedBySeparators(text, siblings, index)) continue;
        ranges.push([first.offset, own.offset]);
    }
    // Inner ranges lie inside the element that an outer range ends at: no overlaps.
    return ranges.sort((a, b) => a[0] - b[0]);
}

/** The siblings of a node in the list property of its container, if it is in one. */
function siblingsOf(node: AstNode): readonly AstNode[] | undefined {
    if (!node.$container || !node.$containerProperty) return undefined;
    const value = (node.$container as unknown as Record<string, unknown>)[node.$containerProperty];
    return Array.isArray(value) ? value as AstNode[] : undefined;
}

/** Whether the elements before `index` (and it) are separated by whitespace, comments and a separator only. */
function separatedBySeparators(text: string, siblings: readonly AstNode[], index: number): boolean {
    for (let i = 0; i < index; i++) {
        const end = siblings[i].$cstNode?.end;
        const next = siblings[i + 1].$cstNode?.offset;
        if (end === undefined || next === undefined || next < end) return false;
        let gap = text.substring(end, next);
        if (gap.includes('#')) gap = gap.replace(/#[^\n\r]*/g, '');
        gap = gap.trim();
        if (!SEPARATORS.has(gap)) return false;
    }
    return true;
}

/** The offset of the first lexer or parser error (end of text if none; a parser error at the end of input counts as there). */
function firstErrorOffset(document: LangiumDocument): number {
    const { lexerErrors, parserErrors } = document.parseResult;
    let first = Number.POSITIVE_INFINITY;
    for (const error of lexerErrors) first = Math.min(first, error.offset);
    for (const error of parserErrors) {
        const at = error.token.startOffset;
        // A parser error with no token (`NaN`: the end of input) or before the text: count it at the start.
        first = Math.min(first, Number.isFinite(at) ? at : Number.isNaN(at) ? document.textDocument.getText().length : 0);
    }
    return first;
}
