/**
 * Where the cursor is in the Python-like call syntax both languages share
 * (`a = Conv2D(32, padding="sa|")(x)`, `t = Train(epochs=1)(images=data.|)`), read from the text
 * up to the cursor. Completion and signature help use it: it works on the incomplete text
 * being typed, where the parser's AST is at its least helpful. Strings and `#` comments are
 * skipped; brackets are matched.
 */

/** An open `(…)` group around the cursor. */
export interface CallGroup {
    /** The identifier right before the `(` (`Conv2D`), or of the first group for a second group. */
    readonly callee?: string;
    /** The offset of the callee's first character. */
    readonly calleeOffset?: number;
    /** Offset of the `(`. */
    readonly open: number;
    /** `arguments`: the first group after a name; `inputs`: a group right after another group (`Dense(2)(|`). */
    readonly kind: 'arguments' | 'inputs';
    /** Positional arguments before the cursor's argument. */
    readonly positional: number;
    /** The keywords written in the group so far (`padding` of `padding="same"`), before and at the cursor. */
    readonly keywords: readonly string[];
    /** The index of the argument the cursor is in (0-based, commas before it). */
    readonly argumentIndex: number;
    /** The keyword of the argument the cursor is in, when it is `name=…`. */
    readonly keyword?: string;
}

/** What the cursor is at. */
export interface CallContext {
    /** The innermost open group (`undefined` outside any group). */
    readonly group?: CallGroup;
    /** The enclosing groups, outermost first (the innermost last). */
    readonly groups: readonly CallGroup[];
    /** Inside a string: its opening quote's offset and quote character. */
    readonly string?: { readonly start: number; readonly quote: string };
    /** The identifier (or part) right before the cursor. */
    readonly prefix: string;
    /** The offset where {@link prefix} starts. */
    readonly prefixStart: number;
    /** The token before the prefix (`(`, `,`, `=`, `.`, an identifier, …), skipping whitespace. */
    readonly previous?: string;
    /** The identifier before `.` when the cursor follows `name.` (`data` in `data.train_`). */
    readonly member?: string;
    /** Inside a comment. */
    readonly comment: boolean;
}

interface MutableGroup {
    callee?: string;
    calleeOffset?: number;
    open: number;
    kind: 'arguments' | 'inputs';
    positional: number;
    keywords: string[];
    argumentIndex: number;
    keyword?: string;
    /** Whether the current argument has a keyword (so it does not count as positional). */
    currentHasKeyword: boolean;
    /** Whether the current argument has any token yet. */
    currentHasTokens: boolean;
    /** `[` and `{` are groups too (no callee) so that their commas do not count. */
    bracket: string;
}

interface Token {
    readonly text: string;
    readonly start: number;
}

const IDENT = /[_a-zA-Z]\w*/y;

/**
 * Reads the call context at `offset` of `text`, scanning from `from`: the start of the text, or a
 * point outside any bracket and string where the token before the cursor's statement is still
 * ahead (see `listElementContextStart`): the same context, read from less text.
 */
export function callContextAt(text: string, offset: number, from = 0): CallContext {
    const stack: MutableGroup[] = [];
    const tokens: Token[] = [];
    let lastClosed: { callee?: string; calleeOffset?: number } | undefined;
    let i = from;
    let string: CallContext['string'];
    let comment = false;
    const push = (token: Token) => {
        tokens.push(token);
        if (tokens.length > 4) tokens.shift();
    };
    const group = () => stack[stack.length - 1];
    const markToken = () => {
        const g = group();
        if (g) g.currentHasTokens = true;
    };
    while (i < offset) {
        const c = text[i];
        if (c === '#') {
            const end = text.indexOf('\n', i);
            if (end === -1 || end >= offset) {
                comment = true;
                break;
            }
            i = end + 1;
            continue;
        }
        if (c === '"' || c === "'") {
            let j = i + 1;
            while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
            if (j >= offset) {
                string = { start: i, quote: c };
                break;
            }
            markToken();
            push({ text: 'STRING', start: i });
            i = j + 1;
            continue;
        }
        if (/\s/.test(c)) {
            i++;
            continue;
        }
        IDENT.lastIndex = i;
        const ident = IDENT.exec(text);
        if (ident) {
            const end = Math.min(i + ident[0].length, offset);
            markToken();
            push({ text: text.slice(i, end), start: i });
            i = end;
            continue;
        }
        if (c === '(' || c === '[' || c === '{') {
            const before = tokens[tokens.length - 1];
            const afterGroup = before?.text === ')' && c === '(' && lastClosed !== undefined;
            markToken();
            const callee = c !== '(' ? undefined : afterGroup ? lastClosed?.callee : before && /^[_a-zA-Z]/.test(before.text) ? before.text : undefined;
            const calleeOffset = c !== '(' ? undefined : afterGroup ? lastClosed?.calleeOffset : callee !== undefined ? before!.start : undefined;
            stack.push({
                callee, calleeOffset, open: i, kind: afterGroup ? 'inputs' : 'arguments', positional: 0, keywords: [], argumentIndex: 0,
                currentHasKeyword: false, currentHasTokens: false, bracket: c
            });
            push({ text: c, start: i });
            i++;
            continue;
        }
        if (c === ')' || c === ']' || c === '}') {
            const closed = stack.pop();
            lastClosed = closed && closed.bracket === '(' ? { callee: closed.callee, calleeOffset: closed.calleeOffset } : undefined;
            push({ text: c, start: i });
            i++;
            continue;
        }
        if (c === ',') {
            const g = group();
            if (g) {
                if (g.currentHasTokens && !g.currentHasKeyword) g.positional++;
                g.argumentIndex++;
                g.currentHasKeyword = false;
                g.currentHasTokens = false;
                g.keyword = undefined;
            }
            push({ text: c, start: i });
            i++;
            continue;
        }
        if (c === '=' && text[i + 1] !== '=') {
            const g = group();
            const before = tokens[tokens.length - 1];
            if (g && g.bracket === '(' && before && /^[_a-zA-Z]/.test(before.text)) {
                g.keywords.push(before.text);
                g.keyword = before.text;
                g.currentHasKeyword = true;
            }
            push({ text: c, start: i });
            i++;
            continue;
        }
        markToken();
        push({ text: c, start: i });
        i++;
    }
    // The identifier being typed is the last token when it ends at the cursor.
    const last = tokens[tokens.length - 1];
    const typing = !string && !comment && last && /^[_a-zA-Z]/.test(last.text) && last.start + last.text.length === offset;
    const prefix = typing ? last.text : '';
    const prefixStart = typing ? last.start : offset;
    const previousIndex = tokens.length - (typing ? 2 : 1);
    const previous = string ? tokens[tokens.length - 1]?.text : tokens[previousIndex]?.text;
    const member = !string && previous === '.' && previousIndex >= 1 && /^[_a-zA-Z]/.test(tokens[previousIndex - 1].text)
        ? tokens[previousIndex - 1].text : undefined;
    const groups = stack.filter(g => g.bracket === '(').map(freeze);
    const innermost = stack[stack.length - 1];
    return {
        group: innermost && innermost.bracket === '(' ? freeze(innermost) : undefined,
        groups, string, prefix, prefixStart, previous, member, comment
    };
}

function freeze(g: MutableGroup): CallGroup {
    return {
        callee: g.callee, calleeOffset: g.calleeOffset, open: g.open, kind: g.kind, positional: g.positional,
        keywords: [...g.keywords], argumentIndex: g.argumentIndex, keyword: g.keyword
    };
}
