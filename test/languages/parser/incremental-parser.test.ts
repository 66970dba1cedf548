import * as fs from 'node:fs';
import * as path from 'node:path';
import { isCompositeCstNode, isLeafCstNode, isReference, type AstNode, type CstNode, type ParseResult } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { describe, expect, test } from 'vitest';
import { textChange, type IncrementalParserServices } from '../../../languages/parser/incremental-parser.js';
import { generatedNetwork } from '../../../bench/lsp.js';
import { deepForgeServices } from '../model/helpers.js';
import { mutate, Random, tokenize } from '../../server/lsp/mutations.js';

/**
 * The incremental parser against whole parses: chains of edits of the example files — small
 * realistic ones (a character typed or deleted, a name changed, a line broken) and the fuzz test's
 * mutations — each parsed incrementally, from the previous result, and from scratch. Whenever the
 * incremental parser takes an edit, its AST and CST must be the whole parse's: every node's type,
 * properties, references' text, container and index, every CST node's grammar element, offset,
 * length and range, hidden tokens included.
 *
 * DEEPFORGE_PARSER_SEED and DEEPFORGE_PARSER_EDITS change the seed and the length of the chains.
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SEED = Number(process.env.DEEPFORGE_PARSER_SEED ?? 7);
const EDITS = Number(process.env.DEEPFORGE_PARSER_EDITS ?? 400);
const EXAMPLES = ['digits', 'cifar10', 'redshift', 'keras-applications', 'extensions/datasets'];

interface Example { name: string; services: LangiumServices & IncrementalParserServices; text: string }

function examples(): Example[] {
    const all = deepForgeServices();
    return EXAMPLES.flatMap(folder => fs.readdirSync(path.join(ROOT, 'examples', folder))
        .filter(name => /\.(dfnn|dfp|dfcat)$/.test(name))
        .map(name => ({
            name: `${folder}/${name}`,
            services: all.language(name.endsWith('.dfnn') ? 'dfnn' : name.endsWith('.dfp') ? 'dfp' : 'dfcat') as LangiumServices & IncrementalParserServices,
            text: fs.readFileSync(path.join(ROOT, 'examples', folder, name), 'utf8')
        })));
}

/** Everything a whole parse determines about an AST and its CST, as lines. */
function describeTree(result: ParseResult<AstNode>): string[] {
    const lines: string[] = [];
    const describeAst = (node: AstNode, indent: string): void => {
        const cst = node.$cstNode;
        lines.push(`${indent}${node.$type} ${node.$containerProperty ?? ''}[${node.$containerIndex ?? ''}] @${cst?.offset}-${cst?.end} ${JSON.stringify(cst?.range)}`);
        for (const [key, value] of Object.entries(node)) {
            if (key.startsWith('$')) continue;
            for (const item of Array.isArray(value) ? value : [value]) {
                if (isReference(item)) lines.push(`${indent}  ${key} -> ${item.$refText} @${item.$refNode?.offset}`);
                else if (item && typeof item === 'object' && '$type' in item) {
                    expect((item as AstNode).$container, `${key} of ${node.$type}`).toBe(node);
                    describeAst(item as AstNode, indent + '  ');
                } else lines.push(`${indent}  ${key} = ${JSON.stringify(item)}`);
            }
        }
    };
    const describeCst = (node: CstNode, indent: string): void => {
        const grammar = node.grammarSource ? `${node.grammarSource.$type}:${node.grammarSource.$cstNode?.offset}` : '-';
        lines.push(`${indent}${isLeafCstNode(node) ? `leaf ${node.tokenType.name}${node.hidden ? ' hidden' : ''}` : 'node'} ${grammar} @${node.offset}+${node.length} ${JSON.stringify(node.range)} ${JSON.stringify(node.text)}`);
        if (isCompositeCstNode(node)) {
            for (const child of node.content) {
                expect(child.container).toBe(node);
                describeCst(child, indent + ' ');
            }
        }
    };
    describeAst(result.value, '');
    describeCst(result.value.$cstNode!, '');
    for (const error of result.lexerErrors) lines.push(`lexer error @${error.offset}+${error.length} ${error.line}:${error.column} ${error.message}`);
    for (const error of result.parserErrors) {
        lines.push(`parser error ${error.name} @${error.token.startOffset} ${error.token.startLine}:${error.token.startColumn} ${error.message}`);
    }
    return lines;
}

/** A small edit like typing makes: a character typed, deleted or replaced, a name changed, a line broken. */
function smallEdit(text: string, random: Random, vocabulary: readonly string[]): string {
    const at = random.int(text.length + 1);
    switch (random.int(6)) {
        case 0: return text.slice(0, at) + random.pick(['a', 'x', '1', '0', '_', ' ', '(', ')', ',', '=', '"', '#', '.', '[']) + text.slice(at);
        case 1: return text.slice(0, at) + text.slice(at + 1);
        case 2: return text.slice(0, at) + random.pick(['b', '7', 'Z']) + text.slice(at + 1);
        case 3: return text.slice(0, at) + '\n    ' + text.slice(at);
        case 4: {
            // A word replaced by another: a layer type, an argument name, a reference.
            const words = [...text.matchAll(/[A-Za-z_]\w*/g)];
            if (words.length === 0) return text;
            const word = random.pick(words);
            return text.slice(0, word.index) + random.pick(vocabulary) + text.slice(word.index + word[0].length);
        }
        default: {
            const numbers = [...text.matchAll(/\d+/g)];
            if (numbers.length === 0) return text;
            const number = random.pick(numbers);
            return text.slice(0, number.index) + String(random.int(100)) + text.slice(number.index + number[0].length);
        }
    }
}

/**
 * Runs a chain of edits; returns how many were parsed incrementally. An edit that breaks the
 * syntax is kept, and the next edits are mostly its undo (as typing comes back to a clean text)
 * and sometimes another edit of the broken text.
 */
function chain(example: Example, edits: number, seed: number, edit: (text: string, random: Random) => string): Record<'clean' | 'broken', { edits: number; incremental: number; withErrors: number }> {
    const parser = example.services.parser.LangiumParser;
    const incrementalParser = example.services.parser.IncrementalParser;
    const random = new Random(seed);
    let text = example.text;
    let clean = text;
    let current = parser.parse(text);
    const counts = { clean: { edits: 0, incremental: 0, withErrors: 0 }, broken: { edits: 0, incremental: 0, withErrors: 0 } };
    for (let i = 0; i < edits; i++) {
        const broken = current.lexerErrors.length + current.parserErrors.length > 0;
        const count = counts[broken ? 'broken' : 'clean'];
        const next = broken && random.next() < 0.7 ? clean : edit(text, random);
        if (next === text) continue;
        count.edits++;
        const whole = parser.parse(next);
        const result = incrementalParser.reparse(current, next);
        if (result) {
            count.incremental++;
            if (result.parserErrors.length + result.lexerErrors.length > 0) count.withErrors++;
            const actual = describeTree(result);
            const expected = describeTree(whole);
            if (actual.join('\n') !== expected.join('\n')) {
                const change = textChange(text, next)!;
                // The edit, then the first difference: what to look at when this fails.
                const first = actual.findIndex((line, j) => line !== expected[j]);
                const described = { ...change, removed: text.slice(change.start, change.oldEnd), inserted: next.slice(change.start, change.newEnd), from: broken ? 'broken' : 'clean',
                    around: next.slice(Math.max(0, change.start - 80), change.newEnd + 80) };
                expect({ edit: described, line: actual[first] }).toEqual({ edit: described, line: expected[first] });
            }
            expect(result.value.$cstNode!.root.fullText).toBe(next);
        }
        current = result ?? whole;
        text = next;
        if (whole.lexerErrors.length + whole.parserErrors.length === 0) clean = next;
    }
    return counts;
}

describe('incremental parser', () => {
    const all = examples();
    const vocabulary = [...new Set(all.flatMap(example => tokenize(example.text)).filter(token => /^[A-Za-z_]\w*$/.test(token)))].sort();
    const fuzzVocabulary = [...new Set(all.flatMap(example => tokenize(example.text)).filter(token => !/^\s+$/.test(token)))].sort();

    test('finds the one changed range of two texts', () => {
        expect(textChange('abc', 'abc')).toBeUndefined();
        expect(textChange('abcdef', 'abXdef')).toEqual({ start: 2, oldEnd: 3, newEnd: 3 });
        expect(textChange('aaa', 'aaaa')).toEqual({ start: 3, oldEnd: 3, newEnd: 4 });
        expect(textChange('abab', 'ab')).toEqual({ start: 2, oldEnd: 4, newEnd: 2 });
        expect(textChange('', 'x')).toEqual({ start: 0, oldEnd: 0, newEnd: 1 });
    });

    test.each(all.map(example => [example.name, example] as const))('small edits of %s agree with whole parses', (_name, example) => {
        const { clean, broken } = chain(example, EDITS, SEED, (text, random) => smallEdit(text, random, vocabulary));
        // Most typing lands inside some statement, argument or step: there the fast path must be the usual one,
        // for an edit that makes a syntax error too (parsed in context), and a repair of that error must take it as well.
        expect(clean.incremental / clean.edits).toBeGreaterThan(0.3);
        expect(clean.withErrors).toBeGreaterThan(0);
        expect(broken.incremental).toBeGreaterThan(0);
    });

    test('fuzz mutations of the examples agree with whole parses', () => {
        let incremental = 0;
        for (const example of all) {
            const { clean, broken } = chain(example, EDITS, SEED + 4, (text, random) => mutate(text, random, fuzzVocabulary).text);
            incremental += clean.incremental + broken.incremental;
        }
        // Most mutants break the syntax (then the whole text is parsed); some, and some of their undos, must still take the fast path.
        expect(incremental).toBeGreaterThan(0);
    });

    test('a character typed in a 2,000-layer network is parsed as one statement', () => {
        const services = deepForgeServices().dfnn as unknown as LangiumServices & IncrementalParserServices;
        const text = generatedNetwork(2000);
        const previous = services.parser.LangiumParser.parse(text);
        const statement = (previous.value as AstNode & { elements: Array<{ statements: AstNode[] }> }).elements[0].statements[1001];
        const at = text.indexOf('Conv2D', statement.$cstNode!.offset) + 4;
        const next = text.slice(0, at) + '3' + text.slice(at + 1);
        const kept = (previous.value as AstNode & { elements: Array<{ statements: AstNode[] }> }).elements[0].statements[1002];
        const result = services.parser.IncrementalParser.reparse(previous, next)!;
        expect(result).toBeDefined();
        const statements = (result.value as AstNode & { elements: Array<{ statements: AstNode[] }> }).elements[0].statements;
        expect(statements[1002] === kept).toBe(true);
        expect(statements[1001] === statement).toBe(false);
        expect(describeTree(result)).toEqual(describeTree(services.parser.LangiumParser.parse(next)));
    });
});
