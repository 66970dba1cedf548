import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generationInput } from '../../cli/commands/generate.js';
import { dfnnString, importKerasModel } from '../../generators/import/keras-import.js';
import { pythonFloat, pythonIdentifier, pythonLiteral, pythonString, type PyExpr } from '../../generators/keras/helpers/python-literal.js';
import { generateKerasJson } from '../../generators/keras/json-generator.js';
import { generateKerasPython } from '../../generators/keras/python-generator.js';
import { loadWorkspace } from '../../languages/workspace/node-workspace.js';
import { oraclePython } from '../oracle/oracle.js';
import { runKeras } from './keras-runner.js';

/**
 * User text never reaches generated Python in code position: strings with quotes,
 * backslashes, newlines, `"""`, unicode (lone surrogates included) become literals Python
 * reads back unchanged, and any name becomes an identifier. Property-based (fast-check), with
 * Python itself as the judge; then end to end through `.dfnn`, the generators and real Keras.
 */

/** Asks Python: each literal evaluates (ast.literal_eval) to the expected value; each identifier is one. */
function pythonJudge(request: { literals: Array<{ source: string; expected: unknown; float?: boolean }>; identifiers: string[] }): string[] {
    const script = `
import ast, json, keyword, math, sys
request = json.load(sys.stdin)
failures = []
for case in request["literals"]:
    try:
        value = ast.literal_eval(case["source"]) if not case["source"].startswith(("float(", "-float(")) else eval(case["source"], {"float": float})
        expected = case["expected"]
        if case.get("float"):
            ok = isinstance(value, float) and ((expected is not None and not isinstance(expected, str) and value == float(expected)) or (math.isnan(value) and expected is None) or (expected in ("inf", "-inf") and value == float(expected)))
        else:
            ok = value == expected and type(value) is type(expected)
        if not ok:
            failures.append(f"{case['source']!r} -> {value!r}, expected {expected!r}")
    except Exception as error:
        failures.append(f"{case['source']!r}: {error}")
for name in request["identifiers"]:
    if not name.isidentifier() or keyword.iskeyword(name):
        failures.append(f"not an identifier: {name!r}")
json.dump(failures, sys.stdout)
`;
    const output = execFileSync(oraclePython(), ['-c', script], { input: JSON.stringify(request), encoding: 'utf-8' });
    return JSON.parse(output);
}

describe('Python literals and identifiers (property-based, judged by Python)', () => {
    it('strings, floats, nested values and names', () => {
        const strings = fc.sample(fc.oneof(
            fc.string({ unit: 'binary', maxLength: 30 }),
            fc.string({ unit: 'grapheme', maxLength: 20 }),
            fc.stringMatching(/^["'\\\n\r\t\u0000\u2028]{0,12}$/),
            fc.constantFrom('"""', "'''", '\\', '\\"', 'a"""b\\"""', '\u{1F600}', '\uD800', '\uDFFF\uD800', '\r\n', '{x}', '%s')
        ), { numRuns: 400, seed: 42 });
        const floats = fc.sample(fc.double(), { numRuns: 200, seed: 7 });
        const nested = fc.sample(fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean(), fc.constant(null)), { maxLength: 4 }), { numRuns: 50, seed: 3 });
        const names = fc.sample(fc.string({ unit: 'binary', maxLength: 12 }), { numRuns: 200, seed: 11 });
        const taken = new Set<string>();
        const literals = [
            ...strings.map(s => ({ source: pythonString(s), expected: s })),
            ...floats.map(n => ({ source: pythonFloat(n), expected: Number.isNaN(n) ? null : Number.isFinite(n) ? n : String(n).replace('Infinity', 'inf'), float: true })),
            ...nested.map(items => ({ source: pythonLiteral({ list: items as PyExpr[] }), expected: items }))
        ];
        expect(pythonLiteral({ tuple: [1] })).toBe('(1,)');
        const identifiers = [...names, 'class', 'lambda', 'None', 'keras', '1x', '', 'ünï'].map(n => pythonIdentifier(n, taken));
        expect(new Set(identifiers).size).toBe(identifiers.length);
        expect(pythonJudge({ literals, identifiers })).toEqual([]);
    });
});

describe('names and strings end to end: .dfnn → Python and JSON → real Keras', () => {
    it('layer names with quotes, backslashes, newlines, """, unicode and Python keywords arrive unchanged', async () => {
        const names = fc.sample(
            fc.uniqueArray(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 }).filter(s => !s.includes('/') && s.trim() === s && s.length > 0),
                { minLength: 12, maxLength: 12 }), { numRuns: 1, seed: 2024 })[0];
        const fixed = ['a"b', 'back\\slash', 'new\nline', 'tri"""ple', "it's", 'ünï ☃', '\t', 'return', 'name', 'layers'];
        const all = [...fixed, ...names].filter((n, i, list) => list.indexOf(n) === i);
        const statements = all.map((name, i) => `    d${i} = Dense(2, name=${dfnnString(name)})(${i === 0 ? 'x' : `d${i - 1}`})`);
        // Python keywords as .dfnn names, too.
        const keywords = ['lambda', 'def', 'if', 'while', 'global', 'nonlocal', 'yield', 'pass'];
        const chain = keywords.map((k, i) => `    ${k} = Dense(3)(${i === 0 ? `d${all.length - 1}` : keywords[i - 1]})`);
        const text = `network Injected {\n    x = Input(shape=(4,))\n${statements.join('\n')}\n${chain.join('\n')}\n}\n`;
        const out = mkdtempSync(join(tmpdir(), 'deepforge-inject-'));
        const file = join(out, 'injected.dfnn');
        writeFileSync(file, text);
        const workspace = await loadWorkspace([file]);
        expect(workspace.documents[0].diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const input = { ...generationInput(workspace, file), sourceName: 'odd """ \\ name\n.dfnn' };
        writeFileSync(join(out, 'injected.py'), generateKerasPython(input));
        writeFileSync(join(out, 'injected.json'), generateKerasJson(input.networks[0], input.domain));
        // And back: the JSON imported again keeps every name.
        const reimported = importKerasModel(JSON.parse(generateKerasJson(input.networks[0], input.domain)));
        writeFileSync(join(out, 'reimported.dfnn'), reimported.text);
        const again = await loadWorkspace([join(out, 'reimported.dfnn')]);
        expect(again.documents[0].diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        writeFileSync(join(out, 'reimported.py'), generateKerasPython(generationInput(again, join(out, 'reimported.dfnn'))));
        const keras = runKeras({
            python: [
                { id: 'py', path: join(out, 'injected.py'), function: 'build_Injected' },
                { id: 'again', path: join(out, 'reimported.py'), function: `build_${reimported.network}` }
            ],
            json: [{ id: 'json', path: join(out, 'injected.json') }]
        });
        const expected = ['x', ...all, ...keywords];
        for (const id of ['py', 'json', 'again']) {
            const model = keras.get(id)!;
            expect(model.error, id).toBeUndefined();
            expect(model.layers.map(l => l.name), id).toEqual(expected);
        }
    });
});
