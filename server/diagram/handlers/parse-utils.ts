/** Small scanners over statement text (strings and comments respected). */

/** The offset of the bracket closing the one at `open`, or -1. */
export function matchingParen(text: string, open: number): number {
    let depth = 0;
    for (let i = open; i < text.length; i++) {
        const c = text[i];
        if (c === '"' || c === '\'') {
            for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
        } else if (c === '#') {
            while (i < text.length && text[i] !== '\n') i++;
        } else if (c === '(' || c === '[') depth++;
        else if (c === ')' || c === ']') {
            depth--;
            if (depth === 0) return i;
        }
    }
    return -1;
}

/**
 * The call groups of a statement `name = Callee(args)(inputs)`: the offsets of the argument
 * group's brackets and of the input group's, when there is one (offsets within `text`).
 */
export function callGroups(text: string): { args?: [number, number]; inputs?: [number, number] } {
    const open = text.indexOf('(');
    if (open < 0) return {};
    const close = matchingParen(text, open);
    if (close < 0) return {};
    let next = close + 1;
    while (next < text.length && /\s/.test(text[next])) next++;
    if (text[next] !== '(') return { args: [open, close] };
    const end = matchingParen(text, next);
    return end < 0 ? { args: [open, close] } : { args: [open, close], inputs: [next, end] };
}
