import {
    GrammarAST, isCompositeCstNode, isLeafCstNode, type AstNode, type CompositeCstNode, type CstNode, type LangiumCoreServices,
    type LangiumParser, type LeafCstNode, type Module, type ParseResult
} from 'langium';

/**
 * Parses a changed text again by parsing only the smallest list element (a statement, an
 * argument, a pipeline step…) that contains the change, and splicing the result into the
 * previous AST and CST — the rest of the tree is kept, with the positions after the change
 * shifted. For a one-character edit in a network of thousands of layers this is a statement
 * of a few dozen characters instead of the whole file.
 */
export interface IncrementalParser {
    /**
     * The parse result of `text` — the same tree and errors as a whole parse — made from
     * `previous` (which is changed in place), or `undefined` when the change cannot be parsed
     * locally (then parse the whole text): a change that spans elements, a previous result with
     * errors elsewhere than in the changed element, or a new element that a local parse cannot
     * prove to come out as in a whole parse.
     */
    reparse(previous: ParseResult<AstNode>, text: string): ParseResult<AstNode> | undefined;
}

/** The services of a language that parses incrementally. */
export type IncrementalParserServices = {
    parser: { IncrementalParser: IncrementalParser }
};

/**
 * Adds incremental parsing to a language. Safe for grammars whose decisions at the start of a list
 * element look at most two tokens into it and those at its end at most eight tokens past it (the
 * `.dfnn`, `.dfp` and model grammars; `test/languages/parser` compares it with whole parses over
 * thousands of edits). Not for grammars whose lexer has state (indentation-aware lexers).
 */
export const IncrementalParserModule: Module<LangiumCoreServices & IncrementalParserServices, IncrementalParserServices> = {
    parser: { IncrementalParser: services => new DefaultIncrementalParser(services) }
};

/** Where a text differs from the previous one: `[start, oldEnd)` of the old text became `[start, newEnd)`. */
export interface TextChange {
    readonly start: number;
    readonly oldEnd: number;
    readonly newEnd: number;
}

/** The one changed range of two texts (their common prefix and suffix left out); `undefined` if equal. */
export function textChange(oldText: string, newText: string): TextChange | undefined {
    if (oldText === newText) return undefined;
    const shorter = Math.min(oldText.length, newText.length);
    let start = 0;
    while (start < shorter && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
    let suffix = 0;
    while (suffix < shorter - start && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
    return { start, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix };
}

/** The CST fields the splice writes (Langium's implementation classes keep them in these). */
interface MutableLeaf { _offset: number; _startLine: number; _startColumn: number; _endLine: number; _endColumn: number }
interface MutableComposite { content: CstNode[]; _rangeCache: unknown; astNode: AstNode }
interface MutableCst { container?: CompositeCstNode }
interface MutableRoot { _text: string }
type MutableAstNode = { -readonly [K in keyof AstNode]: AstNode[K] } & Record<string, unknown>;

/** Tokens after an element that the local parse also reads: the grammar's decisions at its end look no further. */
const LOOKAHEAD_AFTER = 8;
/** Tokens at an element's start that must keep their types: the decisions before it look no further. */
const LOOKAHEAD_INTO = 2;

/** What the local parse of an element found. */
interface LocalParse {
    /** The new node. */
    readonly node: AstNode;
    /** The CST nodes the element's CST node is to contain. */
    readonly content: readonly CstNode[];
    /** The syntax errors of the new text (all in the new node, or at the token after it). */
    readonly errors: Pick<ParseResult, 'lexerErrors' | 'parserErrors' | 'lexerReport'>;
    /** The hidden tokens between the element and the next token, as the local parse lexed them, by offset. */
    readonly trailing: ReadonlyMap<number, LeafCstNode>;
    /** The next token after the element: its old position and its new one (none at the end of the text). */
    readonly next?: { readonly offset: number; readonly oldLine: number; readonly oldCharacter: number; readonly line: number; readonly character: number };
}

/** The default {@link IncrementalParser}. */
export class DefaultIncrementalParser implements IncrementalParser {
    protected readonly parser: LangiumParser;

    constructor(services: LangiumCoreServices) {
        this.parser = services.parser.LangiumParser;
    }

    reparse(previous: ParseResult<AstNode>, text: string): ParseResult<AstNode> | undefined {
        const root = previous.value.$cstNode;
        if (!root || root.container) return undefined;
        const oldText = root.root.fullText;
        const change = textChange(oldText, text);
        if (!change) return undefined;
        // The smallest element first (`(16)` → `(16` cannot be parsed as an argument, but its statement can).
        // Parsing half the text locally costs as much as parsing it all.
        const candidates = this.enclosingElements(previous.value, change).reverse()
            .filter(element => element.$cstNode!.length <= text.length / 2 && this.errorsAreReplaced(previous, element, oldText));
        for (const parse of [this.parseElement, this.parseInContext]) {
            for (const element of candidates) {
                const local = parse.call(this, element, text, change);
                if (!local) continue;
                this.splice(element, local, change.newEnd - change.oldEnd);
                (root as unknown as MutableRoot)._text = text;
                return { value: previous.value, ...local.errors };
            }
        }
        return undefined;
    }

    /**
     * The AST nodes containing the change that are elements of a list (`x+=Rule`) and whose CST
     * node is that rule call's, outermost first: the units that may be parsed again.
     */
    protected enclosingElements(root: AstNode, change: TextChange): AstNode[] {
        const found: AstNode[] = [];
        let node: CstNode | undefined = root.$cstNode;
        // Descend through the composite nodes that contain the change.
        while (node && isCompositeCstNode(node)) {
            const child = childAt(node, change.start);
            if (!child || !isCompositeCstNode(child) || change.oldEnd > child.end) break;
            const astNode = (child as CompositeCstNode & { _astNode?: AstNode })._astNode;
            if (astNode && astNode.$cstNode === child && this.isReparsable(astNode)) found.push(astNode);
            node = child;
        }
        return found;
    }

    /**
     * Whether the previous result's errors (none, usually) are all the element's, so that its new
     * text replaces them: the lexer's within the text parsed locally, the parser's found again,
     * the same, by a local parse of the element's old text (a missing `)` is found at the token
     * after the element; an error there that the next element causes is not found again). A
     * recovery that skipped tokens after the element left them out of the tree; the local parse of
     * the new text lexes them and then does not end where the old tree goes on, so it is not taken.
     */
    protected errorsAreReplaced(previous: ParseResult<AstNode>, element: AstNode, oldText: string): boolean {
        const diagnostics = previous.lexerReport?.diagnostics ?? [];
        if (previous.lexerErrors.length + previous.parserErrors.length + diagnostics.length === 0) return true;
        const cst = element.$cstNode as CompositeCstNode;
        const { solid } = tokensAfter(cst, LOOKAHEAD_AFTER);
        const stop = solid.length === LOOKAHEAD_AFTER ? solid[solid.length - 1].end : oldText.length;
        const within = (offset: number) => offset >= cst.offset && offset < stop;
        if (!previous.lexerErrors.every(error => within(error.offset)) || !diagnostics.every(diagnostic => within(diagnostic.offset))) return false;
        if (previous.parserErrors.length === 0) return true;
        const again = this.parseLocally(cst, oldText, stop).parserErrors;
        // NaN offsets (the end of the text) never match.
        return previous.parserErrors.every(error => again.some(other =>
            other.name === error.name && other.message === error.message && other.token.startOffset === error.token.startOffset));
    }

    /**
     * Parses `text` from the element's start to `stop` with the element's rule. The text before
     * the element becomes whitespace with as many line breaks: offsets, lines and columns come out
     * of the lexer as they are in the document.
     */
    protected parseLocally(cst: CompositeCstNode, text: string, stop: number): ParseResult<AstNode> {
        const start = cst.range.start;
        const padding = ' '.repeat(cst.offset - start.line - start.character) + '\n'.repeat(start.line) + ' '.repeat(start.character);
        const rule = (cst.grammarSource as GrammarAST.RuleCall).rule.ref!.name;
        return this.parser.parse(padding + text.slice(cst.offset, stop), { rule });
    }

    /** Whether the node is an element of a list, assigned by a call of a parser rule that makes a node of its own. */
    protected isReparsable(node: AstNode): boolean {
        const source = node.$cstNode?.grammarSource;
        if (!GrammarAST.isRuleCall(source) || node.$containerIndex === undefined || !node.$container) return false;
        const assignment: AstNode | undefined = source.$container;
        if (!GrammarAST.isAssignment(assignment) || assignment.operator !== '+=' || assignment.feature !== node.$containerProperty) return false;
        const rule = source.rule.ref;
        return GrammarAST.isParserRule(rule) && !rule.fragment && !rule.dataType && (rule.parameters?.length ?? 0) === 0;
    }

    /**
     * Parses the element's new text with its rule, followed by the tokens that follow it, and
     * returns the result — if it parses without errors, starts with tokens of the same types,
     * ends exactly where the old element's successor starts (a whole parse would end it there
     * too) and lexes the hidden tokens in between as before.
     */
    protected parseElement(element: AstNode, text: string, change: TextChange): LocalParse | undefined {
        const cst = element.$cstNode as CompositeCstNode;
        const delta = change.newEnd - change.oldEnd;
        const { hidden, solid } = tokensAfter(cst, LOOKAHEAD_AFTER);
        const stop = solid.length === LOOKAHEAD_AFTER ? solid[solid.length - 1].end + delta : text.length;
        const result = this.parseLocally(cst, text, stop);
        if (result.lexerErrors.length > 0 || (result.lexerReport?.diagnostics.length ?? 0) > 0) return undefined;
        const [error] = result.parserErrors;
        if (solid.length === 0 ? result.parserErrors.length > 0
            : result.parserErrors.length !== 1 || error.name !== 'NotAllInputParsedException' || error.token.startOffset !== solid[0].offset + delta) return undefined;

        const node = result.value;
        const newRoot = node.$cstNode as CompositeCstNode | undefined;
        if (!newRoot) return undefined;
        // A comment before the element's first token belongs to its container in a whole parse.
        if (newRoot.content[0]?.hidden) return undefined;
        const oldFirst = firstTokens(cst, LOOKAHEAD_INTO);
        const newFirst = firstTokens(newRoot, LOOKAHEAD_INTO);
        if (oldFirst.length !== newFirst.length || oldFirst.some((leaf, i) => leaf.tokenType !== newFirst[i].tokenType)) return undefined;
        // The hidden tokens after the element: the same ones as before, or a whole parse would place them elsewhere.
        const solidEnd = lastSolidEnd(newRoot);
        const nextOffset = solid.length === 0 ? Infinity : solid[0].offset + delta;
        const trailing = new Map<number, LeafCstNode>();
        for (const leaf of newRoot.content) {
            if (leaf.hidden && leaf.offset >= solidEnd && leaf.offset < nextOffset && isLeafCstNode(leaf)) trailing.set(leaf.offset, leaf);
        }
        if (trailing.size !== hidden.length || hidden.some(leaf => !sameToken(leaf, trailing.get(leaf.offset + delta)))) return undefined;
        const next = solid.length === 0 ? undefined : {
            offset: solid[0].offset, oldLine: solid[0].range.start.line, oldCharacter: solid[0].range.start.character,
            line: error.token.startLine! - 1, character: error.token.startColumn! - 1
        };
        const content = newRoot.content.filter(c => !c.hidden || c.offset < solidEnd);
        return { node, content, errors: { lexerErrors: [], parserErrors: [], lexerReport: { diagnostics: [] } }, trailing, next };
    }

    /**
     * Parses the element's new text where it stands — for an edit that makes a syntax error, whose
     * recovery depends on the rules around the element. The whole text is parsed with the entry
     * rule, except that the other elements of the lists on the way from the root to the element
     * are blanked (turned into whitespace), but for the two after it at each level, which the
     * parser may read ahead into; so the parser meets the element with the same rules on its stack
     * as in a whole parse. Taken if the element after it comes out as it was (then the parse is
     * back in step), every error is in the element or at the token after it, and the hidden tokens
     * around it are the old ones. Lists with separators (`a, b`) are not blanked: the element is
     * not parsed this way there.
     */
    protected parseInContext(element: AstNode, text: string, change: TextChange): LocalParse | undefined {
        const delta = change.newEnd - change.oldEnd;
        const cst = element.$cstNode as CompositeCstNode;
        // The path from the root, and the text ranges (old offsets) of the elements to blank.
        const path: Array<{ property: string; index?: number }> = [];
        const blanked: Array<[number, number]> = [];
        for (let node: AstNode = element; node.$container; node = node.$container) {
            const index = node.$containerIndex;
            if (index === undefined) {
                path.unshift({ property: node.$containerProperty! });
                continue;
            }
            const list = (node.$container as MutableAstNode)[node.$containerProperty!] as AstNode[];
            if (!adjacent(list)) return undefined;
            if (index > 0) blanked.push([list[0].$cstNode!.offset, list[index - 1].$cstNode!.end]);
            if (index + 3 < list.length) blanked.push([list[index + 3].$cstNode!.offset, list[list.length - 1].$cstNode!.end]);
            // Blanked, the elements before it are gone: it comes first.
            path.unshift({ property: node.$containerProperty!, index: 0 });
        }
        let synthetic = '';
        let at = 0;
        for (const [from, to] of blanked.map(([from, to]) => from >= cst.end ? [from + delta, to + delta] : [from, to]).sort((a, b) => a[0] - b[0])) {
            synthetic += text.slice(at, from) + text.slice(from, to).replace(/[^\r\n\u2028\u2029]/g, ' ');
            at = to;
        }
        synthetic += text.slice(at);
        const result = this.parser.parse(synthetic);

        // The element in the new tree, by the same path.
        let node: AstNode | undefined = result.value;
        for (const step of path) {
            const value: unknown = (node as MutableAstNode | undefined)?.[step.property];
            node = (step.index === undefined ? value : Array.isArray(value) ? value[step.index] : undefined) as AstNode | undefined;
        }
        if (!node?.$cstNode || !isCompositeCstNode(node.$cstNode) || node.$cstNode.grammarSource !== cst.grammarSource) return undefined;
        const newCst = node.$cstNode;
        const list = (node.$container as MutableAstNode)[node.$containerProperty!] as AstNode[];
        const oldList = (element.$container as MutableAstNode)[element.$containerProperty!] as AstNode[];
        const oldNext = oldList[element.$containerIndex! + 1];
        const newNext = list[node.$containerIndex! + 1];
        // Back in step: the element after it parsed as before (or, at the end of the list, the token after it).
        if (oldNext && !(newNext && sameTree(oldNext.$cstNode!, newNext.$cstNode!, delta))) return undefined;
        const { hidden, solid } = tokensAfter(cst, 1);
        const after = tokensAfter(newCst, 1);
        if (solid.length !== after.solid.length || (solid.length > 0 && !(after.solid[0].offset === solid[0].offset + delta && after.solid[0].tokenType === solid[0].tokenType))) return undefined;
        // The errors are the element's: from its start to the end of the token after it (where a missing `)` is found).
        const end = after.solid.length > 0 ? after.solid[0].end : Infinity;
        const within = (offset: number) => offset >= cst.offset && offset < end;
        if (!result.lexerErrors.every(e => within(e.offset)) || !(result.lexerReport?.diagnostics ?? []).every(d => within(d.offset))
            || !result.parserErrors.every(e => within(e.token.startOffset))) return undefined;
        // No comment moved into or out of the element: before it, none new; after it, the old ones.
        const before = tokenBefore(newCst);
        if (before && before.hidden && before.offset >= cst.offset) return undefined;
        if (after.hidden.length !== hidden.length || hidden.some((leaf, i) => !(sameToken(leaf, after.hidden[i]) && after.hidden[i].offset === leaf.offset + delta))) return undefined;
        // It starts with the first token of its text: none skipped by the recovery, where a whole parse would give it to the element before.
        if (newCst.offset !== cst.offset + (/^\s*/.exec(text.slice(cst.offset, change.newEnd))?.[0].length ?? 0)) return undefined;
        const oldFirst = firstTokens(cst, LOOKAHEAD_INTO);
        const newFirst = firstTokens(newCst, LOOKAHEAD_INTO);
        if (oldFirst.length !== newFirst.length || oldFirst.some((leaf, i) => leaf.tokenType !== newFirst[i].tokenType)) return undefined;

        const trailing = new Map(after.hidden.map(leaf => [leaf.offset, leaf]));
        const next = solid.length === 0 ? undefined : {
            offset: solid[0].offset, oldLine: solid[0].range.start.line, oldCharacter: solid[0].range.start.character,
            line: after.solid[0].range.start.line, character: after.solid[0].range.start.character
        };
        return { node, content: newCst.content, errors: { lexerErrors: result.lexerErrors, parserErrors: result.parserErrors, lexerReport: result.lexerReport }, trailing, next };
    }

    /** Puts the new node in the old one's place (AST and CST), then shifts every position after it. */
    protected splice(element: AstNode, local: LocalParse, delta: number): void {
        const cst = element.$cstNode as CompositeCstNode;
        const content = [...local.content];
        for (const child of content) (child as MutableCst).container = cst;
        const composite = cst as unknown as MutableComposite;
        composite.content = content;
        composite._rangeCache = undefined;
        composite.astNode = local.node;

        const container = element.$container as MutableAstNode;
        (container[element.$containerProperty!] as AstNode[])[element.$containerIndex!] = local.node;
        const node = local.node as MutableAstNode;
        node.$cstNode = cst;
        node.$container = container as AstNode;
        node.$containerProperty = element.$containerProperty;
        node.$containerIndex = element.$containerIndex;

        this.shiftAfter(cst, local, delta);
    }

    /**
     * Moves the leaves after `cst` to their new positions: the hidden ones before the next token
     * to where the local parse lexed them, the others by the next token's move. Clears the cached
     * ranges of the composite nodes on the way.
     */
    protected shiftAfter(cst: CompositeCstNode, local: LocalParse, delta: number): void {
        const next = local.next;
        const lines = next ? next.line - next.oldLine : 0;
        const columns = next ? next.character - next.oldCharacter : 0;
        const shift = (node: CstNode): void => {
            if (isLeafCstNode(node)) {
                const leaf = node as unknown as MutableLeaf;
                if (!next || leaf._offset < next.offset) {
                    const moved = local.trailing.get(leaf._offset + delta)!.range;
                    leaf._startLine = moved.start.line;
                    leaf._startColumn = moved.start.character;
                    leaf._endLine = moved.end.line;
                    leaf._endColumn = moved.end.character;
                } else {
                    if (leaf._startLine === next.oldLine) leaf._startColumn += columns;
                    if (leaf._endLine === next.oldLine) leaf._endColumn += columns;
                    leaf._startLine += lines;
                    leaf._endLine += lines;
                }
                leaf._offset += delta;
            } else if (isCompositeCstNode(node)) {
                (node as unknown as MutableComposite)._rangeCache = undefined;
                for (const child of node.content) shift(child);
            }
        };
        let node: CstNode = cst;
        for (let parent = node.container; parent; node = parent, parent = parent.container) {
            (parent as unknown as MutableComposite)._rangeCache = undefined;
            const siblings = parent.content;
            for (let i = siblings.indexOf(node) + 1; i < siblings.length; i++) shift(siblings[i]);
        }
    }
}

/** Whether nothing but hidden tokens stands between the elements of a list (no separators), all children of one CST node. */
function adjacent(list: readonly AstNode[]): boolean {
    const parent = list[0]?.$cstNode?.container;
    if (!parent) return false;
    const content = parent.content;
    let i = content.indexOf(list[0].$cstNode!);
    for (let k = 1; k < list.length && i >= 0; k++) {
        const target = list[k].$cstNode;
        for (i++; i < content.length && content[i] !== target; i++) {
            if (!content[i].hidden) return false;
        }
        if (i >= content.length) return false;
    }
    return i >= 0;
}

/** Whether two CST nodes are the same tree: the same grammar elements and tokens, the second `delta` further on. */
function sameTree(a: CstNode, b: CstNode, delta: number): boolean {
    if (a.grammarSource !== b.grammarSource || a.hidden !== b.hidden || a.offset + delta !== b.offset || a.length !== b.length) return false;
    if (isLeafCstNode(a)) return isLeafCstNode(b) && a.tokenType === b.tokenType;
    if (!isCompositeCstNode(a) || !isCompositeCstNode(b) || a.content.length !== b.content.length) return false;
    return a.content.every((child, i) => sameTree(child, b.content[i], delta));
}

/** The last token before a node in the whole tree, hidden or not. */
function tokenBefore(node: CstNode): LeafCstNode | undefined {
    for (let parent = node.container; parent; node = parent, parent = parent.container) {
        const siblings = parent.content;
        for (let i = siblings.indexOf(node) - 1; i >= 0; i--) {
            const leaf = lastLeaf(siblings[i]);
            if (leaf) return leaf;
        }
    }
    return undefined;
}

function lastLeaf(node: CstNode): LeafCstNode | undefined {
    if (isLeafCstNode(node)) return node;
    if (isCompositeCstNode(node)) {
        for (let i = node.content.length - 1; i >= 0; i--) {
            const leaf = lastLeaf(node.content[i]);
            if (leaf) return leaf;
        }
    }
    return undefined;
}

/** The child of a composite node whose text starts last at or before `offset` (children are in text order). */
function childAt(node: CompositeCstNode, offset: number): CstNode | undefined {
    const content = node.content;
    let low = 0;
    let high = content.length - 1;
    let found: CstNode | undefined;
    while (low <= high) {
        const middle = (low + high) >> 1;
        if (content[middle].offset <= offset) {
            found = content[middle];
            low = middle + 1;
        } else {
            high = middle - 1;
        }
    }
    // A hidden child (a comment) never contains a change we can parse locally.
    return found && !found.hidden ? found : undefined;
}

/** Whether two leaves are the same token (type and length) — the second may be missing. */
function sameToken(leaf: LeafCstNode, other: LeafCstNode | undefined): boolean {
    return other !== undefined && other.tokenType === leaf.tokenType && other.length === leaf.length;
}

/** The end offset of the last token of a composite node that is not hidden. */
function lastSolidEnd(node: CompositeCstNode): number {
    for (let i = node.content.length - 1; i >= 0; i--) {
        if (!node.content[i].hidden) return node.content[i].end;
    }
    return node.offset;
}

/** The first `count` tokens of a node, hidden ones left out. */
function firstTokens(node: CstNode, count: number): LeafCstNode[] {
    const out: LeafCstNode[] = [];
    const visit = (n: CstNode): void => {
        if (out.length >= count) return;
        if (isLeafCstNode(n)) {
            if (!n.hidden) out.push(n);
        } else if (isCompositeCstNode(n)) {
            for (const child of n.content) visit(child);
        }
    };
    visit(node);
    return out;
}

/** The tokens after a node in the whole tree: the hidden ones before the first other token, and up to `count` others. */
function tokensAfter(node: CstNode, count: number): { hidden: LeafCstNode[]; solid: LeafCstNode[] } {
    const hidden: LeafCstNode[] = [];
    const solid: LeafCstNode[] = [];
    const visit = (n: CstNode): void => {
        if (solid.length >= count) return;
        if (isLeafCstNode(n)) {
            if (!n.hidden) solid.push(n);
            else if (solid.length === 0) hidden.push(n);
        } else if (isCompositeCstNode(n)) {
            for (const child of n.content) visit(child);
        }
    };
    for (let parent = node.container; parent && solid.length < count; node = parent, parent = parent.container) {
        const siblings = parent.content;
        for (let i = siblings.indexOf(node) + 1; i < siblings.length && solid.length < count; i++) visit(siblings[i]);
    }
    return { hidden, solid };
}
