/**
 * Deterministic mutations of source text for the language server's fuzz test: a seeded PRNG
 * (mulberry32) and token- and byte-level edits — deleted, duplicated, swapped and replaced tokens,
 * truncation, random bytes (control characters, NUL, lone surrogates, emoji, quotes and brackets),
 * deleted ranges, duplicated and deleted lines.
 */

/** mulberry32: a small, fast, seeded PRNG; `next()` in [0, 1). */
export class Random {
    private state: number;
    constructor(seed: number) { this.state = seed >>> 0; }
    next(): number {
        let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }
    int(n: number): number { return Math.floor(this.next() * n); }
    pick<T>(items: readonly T[]): T { return items[this.int(items.length)]; }
}

const TOKEN = /[A-Za-z_]\w*|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|#[^\n]*|\s+|[^]/gu;

export function tokenize(text: string): string[] {
    return text.match(TOKEN) ?? [];
}

/** Odd characters and fragments: what random bytes, a bad paste or a half-typed edit leave. */
const NOISE = [
    '\0', '\u0001', '\u001b', '\r', '\r\n', '\t', '\v', '\f', '\u00a0', '\u2028', '\ufeff', '\uffff', '\ud800', '\udfff',
    '😀', 'é', 'ß', '中', '"', "'", '\\', '(', ')', '[', ']', '{', '}', ',', '=', ':', '.', '..', '|', '#', '-', '+', '*',
    '/', '@', '$', '%', '^', '&', '!', '?', '<', '>', '~', '`', ';', '0', '1e', '1e+', '.5', '9999999999999999999999',
    '-1', '0x1F', 'None', 'True', 'False', 'import', 'network', 'block', 'pipeline', 'operation', 'inputs', 'outputs',
    'shared', 'code', 'environment', 'attributes', 'references', 'resources', 'cpus', 'memory', 'library', 'class'
];

function randomBytes(random: Random): string {
    const length = 1 + random.int(8);
    let out = '';
    for (let i = 0; i < length; i++) {
        const kind = random.int(4);
        if (kind === 0) out += String.fromCharCode(random.int(0x80));
        else if (kind === 1) out += String.fromCharCode(random.int(0x10000)); // lone surrogates included
        else out += random.pick(NOISE);
    }
    return out;
}

/** Indices of the tokens that are not whitespace. */
function solid(tokens: string[]): number[] {
    const out: number[] = [];
    tokens.forEach((token, i) => { if (!/^\s+$/.test(token)) out.push(i); });
    return out;
}

export type MutationKind = 'delete-token' | 'duplicate-token' | 'swap-tokens' | 'replace-token' | 'truncate'
    | 'random-bytes' | 'delete-range' | 'duplicate-line' | 'delete-line';

export const MUTATION_KINDS: readonly MutationKind[] = [
    'delete-token', 'duplicate-token', 'swap-tokens', 'replace-token', 'truncate', 'random-bytes', 'delete-range', 'duplicate-line', 'delete-line'
];

/** One mutation of `text`; `vocabulary`: tokens to replace with (those of every example file). */
export function mutateOnce(text: string, kind: MutationKind, random: Random, vocabulary: readonly string[]): string {
    switch (kind) {
        case 'truncate':
            return text.slice(0, random.int(text.length + 1));
        case 'random-bytes': {
            const at = random.int(text.length + 1);
            return text.slice(0, at) + randomBytes(random) + text.slice(at);
        }
        case 'delete-range': {
            const from = random.int(text.length + 1);
            return text.slice(0, from) + text.slice(Math.min(text.length, from + 1 + random.int(40)));
        }
        case 'duplicate-line':
        case 'delete-line': {
            const lines = text.split('\n');
            const i = random.int(lines.length);
            if (kind === 'duplicate-line') lines.splice(i, 0, lines[i]);
            else lines.splice(i, 1);
            return lines.join('\n');
        }
        default: {
            const tokens = tokenize(text);
            const indices = solid(tokens);
            if (indices.length === 0) return text + randomBytes(random);
            const i = random.pick(indices);
            if (kind === 'delete-token') tokens.splice(i, 1);
            else if (kind === 'duplicate-token') tokens.splice(i, 0, tokens[i], random.next() < 0.5 ? ' ' : '');
            else if (kind === 'replace-token') tokens[i] = random.next() < 0.8 ? random.pick(vocabulary) : random.pick(NOISE);
            else {
                // Swap with a neighbour most of the time, with any token otherwise.
                const j = random.next() < 0.6 ? indices[Math.min(indices.length - 1, indices.indexOf(i) + 1)] : random.pick(indices);
                [tokens[i], tokens[j]] = [tokens[j], tokens[i]];
            }
            return tokens.join('');
        }
    }
}

/** One to four mutations in a row; returns the text and the kinds applied. */
export function mutate(text: string, random: Random, vocabulary: readonly string[]): { text: string; kinds: MutationKind[] } {
    const count = 1 + (random.next() < 0.6 ? 0 : random.int(4));
    const kinds: MutationKind[] = [];
    let out = text;
    for (let i = 0; i < count; i++) {
        const kind = random.pick(MUTATION_KINDS);
        kinds.push(kind);
        out = mutateOnce(out, kind, random, vocabulary);
    }
    return { text: out, kinds };
}
