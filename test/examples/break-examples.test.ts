/**
 * The three example projects check clean, and breaking each on purpose gives the expected
 * diagnostics — message, code and exact range — and nothing else (no cascades).
 *
 * Each case works on a copy of the example in a temporary folder: it edits the copy
 * (the operation's Python code or the `.dfp` file) and runs `deepforge check --format json`
 * on it. The matrix required by issue 3 — a port renamed in the Python code, an input
 * dropped from a step, a string fed to an int attribute — runs on every example; more
 * breakages follow (return arity, missing class/file, unknown output, range, reference kind,
 * unknown operation, an input fed twice, an attribute renamed in the code).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runCheck } from '../../cli/commands/check.js';
import { BufferedIO } from '../../cli/io.js';

const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples');

type Example = 'cifar10' | 'redshift' | 'digits';
const DFP: Record<Example, string> = { cifar10: 'cifar10.dfp', redshift: 'redshift.dfp', digits: 'digits.dfp' };

interface Located { file: string; line: number; column: number; endLine: number; endColumn: number }
interface Found extends Located { severity: string; code: string; message: string }

/** An edit of one file of the copy: the first occurrence of `from` (after `after`, if given) becomes `to` (every one with `all`); `delete` removes the file. */
interface Edit { file: string; from: string; to: string; after?: string; all?: boolean; delete?: boolean }

/** Where the expected diagnostic is: the `nth` occurrence (0-based) of `needle` in `file`, after the anchor(s) `after` (found one after the other). */
interface Expected { needle: string; after?: string | string[]; nth?: number; file?: string; code: string; message: string | ((root: string) => string) }

interface Case { example: Example; title: string; edits: Edit[]; expected: Expected[] }

function copyExample(example: Example): string {
    const root = mkdtempSync(path.join(tmpdir(), `deepforge-break-${example}-`));
    cpSync(path.join(examples, example), root, { recursive: true });
    return root;
}

function applyEdit(root: string, edit: Edit): void {
    const file = path.join(root, edit.file);
    const text = readFileSync(file, 'utf-8');
    if (edit.delete) {
        expect(text).toContain(edit.from);
        rmSync(file);
        return;
    }
    const start = edit.after ? text.indexOf(edit.after) : 0;
    expect(start, `${edit.after} in ${edit.file}`).toBeGreaterThanOrEqual(0);
    const at = text.indexOf(edit.from, start);
    expect(at, `${edit.from} in ${edit.file}`).toBeGreaterThanOrEqual(0);
    const edited = edit.all
        ? text.split(edit.from).join(edit.to)
        : text.slice(0, at) + edit.to + text.slice(at + edit.from.length);
    writeFileSync(file, edited);
}

/** 1-based line/column range of a needle (columns exclusive at the end, as `deepforge check` prints them). */
function locate(root: string, file: string, needle: string, after?: string | string[], nth = 0): Located {
    const text = readFileSync(path.join(root, file), 'utf-8');
    let offset = 0;
    for (const anchor of after === undefined ? [] : Array.isArray(after) ? after : [after]) {
        offset = text.indexOf(anchor, offset);
        expect(offset, `${anchor} in ${file}`).toBeGreaterThanOrEqual(0);
    }
    offset = text.indexOf(needle, offset);
    for (let i = 0; i < nth && offset >= 0; i++) offset = text.indexOf(needle, offset + 1);
    expect(offset, `${needle} in ${file}`).toBeGreaterThanOrEqual(0);
    const before = text.slice(0, offset).split('\n');
    const line = before.length;
    const column = before[before.length - 1].length + 1;
    return { file, line, column, endLine: line, endColumn: column + needle.length };
}

/** The 1-based line of a needle in a file of the copy (the Python line a message names). */
function lineOf(root: string, file: string, needle: string): number {
    return locate(root, file, needle).line;
}

async function check(root: string): Promise<{ exit: number; errors: Found[]; warnings: number }> {
    const io = new BufferedIO();
    const exit = await runCheck([root], { format: 'json' }, io);
    const report = JSON.parse(io.output) as { files: { path: string; diagnostics: Omit<Found, 'file'>[] }[]; warnings: number };
    const errors: Found[] = [];
    for (const file of report.files) {
        for (const d of file.diagnostics) {
            if (d.severity !== 'error') continue;
            errors.push({ file: path.relative(root, path.resolve(file.path)), severity: d.severity, code: d.code, message: d.message, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn });
        }
    }
    return { exit, errors, warnings: report.warnings };
}

const byPosition = (a: Located, b: Located) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;

const CASES: Case[] = [
    // ── the matrix: a port renamed in the Python code ──────────────────────────────────
    {
        example: 'cifar10', title: 'a port renamed in the Python code (PredictCifar: model → net)',
        edits: [{ file: 'operations/predict_cifar.py', from: 'def execute(self, images, model)', to: 'def execute(self, images, net)' }],
        expected: [
            { needle: 'inputs', after: 'operation PredictCifar', code: 'code-mismatch',
              message: root => `\`PredictCifar.execute\` takes \`net\` (operations/predict_cifar.py:${lineOf(root, 'operations/predict_cifar.py', 'def execute')}), but the declaration has no input \`net\`` },
            { needle: 'model', after: 'operation PredictCifar', code: 'code-mismatch',
              message: 'input `model` is declared, but `PredictCifar.execute` in `operations/predict_cifar.py` has no parameter `model`' }
        ]
    },
    {
        example: 'redshift', title: 'a port renamed in the Python code (PdfVisRedshift: pdfs → densities)',
        edits: [{ file: 'operations/pdf_vis_redshift.py', from: 'def execute(self, gt, pt, pdfs)', to: 'def execute(self, gt, pt, densities)' }],
        expected: [
            { needle: 'inputs', after: 'operation PdfVisRedshift', code: 'code-mismatch',
              message: root => `\`PdfVisRedshift.execute\` takes \`densities\` (operations/pdf_vis_redshift.py:${lineOf(root, 'operations/pdf_vis_redshift.py', 'def execute')}), but the declaration has no input \`densities\`` },
            { needle: 'pdfs', after: 'operation PdfVisRedshift', code: 'code-mismatch',
              message: 'input `pdfs` is declared, but `PdfVisRedshift.execute` in `operations/pdf_vis_redshift.py` has no parameter `pdfs`' }
        ]
    },
    {
        example: 'digits', title: 'a port renamed in the Python code (SplitData: labels → targets)',
        edits: [{ file: 'operations/split_data.py', from: 'def execute(self, images, labels)', to: 'def execute(self, images, targets)' }],
        expected: [
            { needle: 'inputs', after: 'operation SplitData', code: 'code-mismatch',
              message: root => `\`SplitData.execute\` takes \`targets\` (operations/split_data.py:${lineOf(root, 'operations/split_data.py', 'def execute')}), but the declaration has no input \`targets\`` },
            { needle: 'labels', after: 'operation SplitData', nth: 0, code: 'code-mismatch',
              message: 'input `labels` is declared, but `SplitData.execute` in `operations/split_data.py` has no parameter `labels`' }
        ]
    },
    // ── the matrix: an input dropped from a step ───────────────────────────────────────
    {
        example: 'cifar10', title: 'an input dropped from a step (ViewCifar without images)',
        edits: [{ file: 'cifar10.dfp', from: ', images=data.test_images)', to: ')', after: 'ViewCifar(num_images=16)' }],
        expected: [
            { needle: 'ViewCifar', after: 'pipeline Cifar10Classifier', code: 'input-unconnected',
              message: 'input `images` of `ViewCifar` is not connected (its `execute` parameter has no default)' }
        ]
    },
    {
        example: 'redshift', title: 'an input dropped from a step (TrainRedshift without labels, artifact pipeline)',
        edits: [{ file: 'redshift.dfp', from: ', labels=train_labels.data)', to: ')' }],
        expected: [
            { needle: 'TrainRedshift', after: 'pipeline RedshiftEstimator', code: 'input-unconnected',
              message: 'input `labels` of step `trained` is not connected (its `execute` parameter has no default)' }
        ]
    },
    {
        example: 'digits', title: 'an input dropped from a step (TrainDigits without labels)',
        edits: [{ file: 'digits.dfp', from: ', labels=split.train_labels)', to: ')' }],
        expected: [
            { needle: 'TrainDigits', after: 'pipeline DigitsClassifier', code: 'input-unconnected',
              message: 'input `labels` of step `trained` is not connected (its `execute` parameter has no default)' }
        ]
    },
    // ── the matrix: a string fed to an int attribute ───────────────────────────────────
    {
        example: 'cifar10', title: 'a string fed to an int attribute (TrainCifar epochs="5")',
        edits: [{ file: 'cifar10.dfp', from: 'epochs=5)', to: 'epochs="5")' }],
        expected: [{ needle: '"5"', code: 'type-mismatch', message: '`epochs` expects int, got string `"5"`' }]
    },
    {
        example: 'redshift', title: 'a string fed to an int attribute (MakeSyntheticRedshiftData num_train="512")',
        edits: [{ file: 'redshift.dfp', from: 'num_train=512,', to: 'num_train="512",', after: 'pipeline SyntheticRedshiftEstimator' }],
        expected: [{ needle: '"512"', code: 'type-mismatch', message: '`num_train` expects int, got string `"512"`' }]
    },
    {
        example: 'digits', title: 'a string fed to an int attribute (SplitData seed="zero")',
        edits: [{ file: 'digits.dfp', from: 'seed=0)', to: 'seed="zero")', after: 'pipeline DigitsClassifier' }],
        expected: [{ needle: '"zero"', code: 'type-mismatch', message: '`seed` expects int, got string `"zero"`' }]
    },
    // ── more breakages ─────────────────────────────────────────────────────────────────
    {
        example: 'redshift', title: 'a return of the wrong arity (PredictRedshift returns only pdfs)',
        edits: [{ file: 'operations/predict_redshift.py', from: 'return pdfs, labels', to: 'return pdfs' }],
        expected: [
            { needle: 'outputs', after: 'operation PredictRedshift', code: 'return-arity',
              message: root => `\`PredictRedshift.execute\` returns 1 value (operations/predict_redshift.py:${lineOf(root, 'operations/predict_redshift.py', 'return pdfs')}), but 2 outputs are declared (\`pdfs\`, \`labels\`)` }
        ]
    },
    {
        example: 'redshift', title: 'an unknown output of a step, with did-you-mean (preds.label), in both pipelines',
        edits: [{ file: 'redshift.dfp', from: 'pt=preds.labels, pdfs=', to: 'pt=preds.label, pdfs=', all: true }],
        expected: ['pipeline RedshiftEstimator', 'pipeline SyntheticRedshiftEstimator'].map(pipeline => ({
            needle: 'label', after: [pipeline, 'pt=preds.label, pdfs'], code: 'unknown-port',
            message: '`PredictRedshift` has no output `label` — did you mean `labels`?'
        }))
    },
    {
        example: 'digits', title: 'the class renamed in the Python code (LoadDigits → LoadDigit)',
        edits: [{ file: 'operations/load_digits.py', from: 'class LoadDigits()', to: 'class LoadDigit()' }],
        expected: [{ needle: '"operations/load_digits.py"', code: 'missing-class',
            message: "`operations/load_digits.py` has no class `LoadDigits` — did you mean `LoadDigit`? (an operation's class is named like the operation)" }]
    },
    {
        example: 'cifar10', title: 'the code file missing (operations/eval_cifar.py deleted)',
        edits: [{ file: 'operations/eval_cifar.py', from: 'class EvalCifar', to: 'class EvalCifar', delete: true }],
        expected: [{ needle: '"operations/eval_cifar.py"', code: 'missing-code-file',
            message: root => `cannot find the code of \`EvalCifar\`: \`operations/eval_cifar.py\` does not exist (looked for ${path.join(root, 'operations/eval_cifar.py')})` }]
    },
    {
        example: 'cifar10', title: 'an attribute renamed in the Python code (ViewCifar: num_images → count)',
        edits: [{ file: 'operations/view_cifar.py', from: 'def __init__(self, num_images=16)', to: 'def __init__(self, count=16)' }],
        expected: [
            { needle: 'attributes', after: 'operation ViewCifar', code: 'code-mismatch',
              message: root => `\`ViewCifar.__init__\` takes \`count\` (operations/view_cifar.py:${lineOf(root, 'operations/view_cifar.py', 'def __init__')}), but the declaration has no attribute or reference \`count\`` },
            { needle: 'num_images', after: 'operation ViewCifar', code: 'code-mismatch',
              message: 'attribute `num_images` is declared, but `ViewCifar.__init__` in `operations/view_cifar.py` has no parameter `num_images`' }
        ]
    },
    {
        example: 'digits', title: 'attribute values out of range (test_size=1.5, epochs=0)',
        edits: [
            { file: 'digits.dfp', from: 'test_size=0.2, seed=0)(', to: 'test_size=1.5, seed=0)(' },
            { file: 'digits.dfp', from: 'epochs=10, batch_size=32)(', to: 'epochs=0, batch_size=32)(' }
        ],
        expected: [
            { needle: '1.5', code: 'out-of-range', message: '`test_size` must be in [0, 1], got 1.5' },
            { needle: '0', after: 'TrainDigits(architecture=DigitsCNN, epochs=', code: 'out-of-range', message: '`epochs` must be in [1, 1000], got 0' }
        ]
    },
    {
        example: 'digits', title: 'a pipeline where a network is expected (architecture=DigitsClassifier)',
        edits: [{ file: 'digits.dfp', from: 'architecture=DigitsCNN', to: 'architecture=DigitsClassifier' }],
        expected: [{ needle: 'DigitsClassifier', after: 'architecture=', code: 'reference-kind',
            message: '`architecture` of `TrainDigits` takes a network, but `DigitsClassifier` is a pipeline' }]
    },
    {
        example: 'digits', title: 'an unknown operation, with did-you-mean (PredictDigit)',
        edits: [{ file: 'digits.dfp', from: '= PredictDigits()(', to: '= PredictDigit()(' }],
        expected: [{ needle: 'PredictDigit', after: 'preds   = ', code: 'linking-error',
            message: 'unknown operation `PredictDigit` — did you mean `PredictDigits`?' }]
    },
    {
        example: 'digits', title: 'an input fed twice (PredictDigits images)',
        edits: [{ file: 'digits.dfp', from: 'model=trained.model)', to: 'model=trained.model, images=split.train_images)', after: 'PredictDigits()' }],
        expected: [{ needle: 'images=split.train_images', after: 'PredictDigits()', code: 'input-fed-twice',
            message: 'input `images` of step `preds` is fed twice: it already gets `split.test_images`' }]
    },
];

describe('the examples check clean', () => {
    for (const example of ['cifar10', 'redshift', 'digits'] as Example[]) {
        test(`examples/${example}`, async () => {
            const { exit, errors, warnings } = await check(path.join(examples, example));
            expect(errors).toEqual([]);
            expect(warnings).toBe(0);
            expect(exit).toBe(0);
        });
    }
});

describe('breaking the examples on purpose', () => {
    for (const c of CASES) {
        test(`${c.example}: ${c.title}`, async () => {
            const root = copyExample(c.example);
            try {
                for (const edit of c.edits) applyEdit(root, edit);
                const { exit, errors } = await check(root);
                const expected = c.expected.map(e => ({
                    ...locate(root, e.file ?? DFP[c.example], e.needle, e.after, e.nth),
                    severity: 'error', code: e.code,
                    message: typeof e.message === 'function' ? e.message(root) : e.message
                }));
                expect(errors.sort(byPosition)).toEqual(expected.sort(byPosition));
                expect(exit).toBe(1);
            } finally {
                rmSync(root, { recursive: true, force: true });
            }
        });
    }
});
