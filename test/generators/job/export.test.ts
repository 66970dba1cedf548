/**
 * `deepforge export`: the job bundle zipped, static inputs inside, the other inputs as arguments
 * of main.py — extracted with Python's zipfile and run. Also: the runtime's serialization
 * registry (a custom type across steps run alone), a failing step, and the zip writer.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseStaticInputs, runExport } from '../../../cli/commands/export.js';
import { BufferedIO } from '../../../cli/io.js';
import { createZip } from '../../../generators/job/zip-writer.js';
import { buildJobBundle, writeJobBundle } from '../../../server/jobs/job-bundle.js';
import { events, ok, runPython, tempDir, writeFiles } from './helpers.js';

const PROJECT: Record<string, string> = {
    'scale.dfp': `# Scales numbers by a factor; tabulates them with a custom serialization.
operation Scale {
    attributes { offset: float = 0.0 }
    inputs values, factor
    outputs scaled
    code "ops/scale.py"
}

operation Tabulate {
    inputs values
    outputs table
    code "ops/tables.py"
}

operation CountRows {
    inputs table
    outputs rows
    code "ops/count_rows.py"
}

pipeline ScaleNumbers {
    numbers = Input(artifact="numbers.npy")
    factor  = Input(artifact="factor.pkl")
    scaled  = Scale(offset=1.0)(values=numbers, factor=factor)
    table   = Tabulate()(values=scaled)
    CountRows()(table=table)
    Output(save_name="scaled")(scaled)
    Output(save_name="tables/table")(table)
}
`,
    'ops/scale.py': `import numpy as np


class Scale():
    def __init__(self, offset=0.0):
        self.offset = offset

    def execute(self, values, factor):
        scaled = np.asarray(values) * factor + self.offset
        return scaled
`,
    'ops/tables.py': `import deepforge


class Table:
    def __init__(self, rows):
        self.rows = rows


def dump(table, outfile):
    outfile.write("\\n".join(",".join(repr(x) for x in row) for row in table.rows).encode("utf-8"))


def load(infile):
    return Table([[float(x) for x in line.split(",")] for line in infile.read().decode("utf-8").splitlines()])


deepforge.register(Table, dump, load, extension=".table", name="table")


class Tabulate():
    def execute(self, values):
        table = Table([[float(v), float(v) * 2] for v in values])
        return table
`,
    'ops/count_rows.py': `class CountRows():
    def execute(self, table):
        assert type(table).__name__ == "Table", type(table)
        rows = len(table.rows)
        return rows
`
};

/** Writes the project and its input files; returns their paths. */
async function project(): Promise<{ folder: string; dfp: string; numbers: string; factor: string }> {
    const folder = tempDir('export');
    writeFiles(folder, PROJECT);
    const numbers = join(folder, 'data', 'numbers.npy');
    const factor = join(folder, 'data', 'factor.pkl');
    ok(await runPython(['-c', [
        'import os, pickle, sys, numpy as np',
        'os.makedirs(os.path.dirname(sys.argv[1]), exist_ok=True)',
        'np.save(sys.argv[1], np.arange(5, dtype=np.float64))',
        'pickle.dump(3, open(sys.argv[2], "wb"))'
    ].join('\n'), numbers, factor]));
    return { folder, dfp: join(folder, 'scale.dfp'), numbers, factor };
}

describe('deepforge export', () => {
    test('the zip extracts with Python\'s zipfile and runs: the static input bundled, the other one an argument of main.py', async () => {
        const { folder, dfp, numbers, factor } = await project();
        const zip = join(folder, 'out', 'scale.zip');
        const io = new BufferedIO();
        expect(await runExport(dfp, { out: zip, static: [`numbers=${numbers}`] }, io), io.errors).toBe(0);
        expect(io.output).toContain('exported pipeline ScaleNumbers to');
        expect(io.output).toContain('1 static input');
        expect(io.output).toContain('cd ScaleNumbers && python main.py FACTOR');

        const extracted = join(folder, 'extracted');
        const unzip = ok(await runPython(['-c', [
            'import json, sys, zipfile',
            'with zipfile.ZipFile(sys.argv[1]) as z:',
            '    assert z.testzip() is None',
            '    names = z.namelist()',
            '    z.extractall(sys.argv[2])',
            'print(json.dumps(names))'
        ].join('\n'), zip, extracted]));
        const names = JSON.parse(unzip.stdout) as string[];
        expect(names).toContain('ScaleNumbers/main.py');
        expect(names).toContain('ScaleNumbers/inputs/numbers/numbers.npy');
        expect(names).toContain('ScaleNumbers/deepforge/run_step.py');
        expect(names.every(name => name.startsWith('ScaleNumbers/'))).toBe(true);

        const job = join(extracted, 'ScaleNumbers');
        const manifest = JSON.parse(readFileSync(join(job, 'manifest.json'), 'utf-8'));
        expect(manifest.inputs).toEqual([
            { step: 'numbers', artifact: 'numbers.npy', argument: null, static: 'inputs/numbers/numbers.npy' },
            { step: 'factor', artifact: 'factor.pkl', argument: 'factor', static: null }
        ]);
        const help = ok(await runPython(['main.py', '--help'], { cwd: job }));
        expect(help.stdout).toMatch(/usage: main\.py \[-h\] .*FACTOR/s);
        expect(help.stdout).not.toContain('NUMBERS');

        const run = ok(await runPython(['main.py', factor, '--outputs-dir', 'results'], { cwd: job }));
        const list = events(run.stdout);
        expect(list.at(-1)).toMatchObject({ event: 'pipeline', status: 'succeeded' });
        expect(list.find(e => e.event === 'metric')).toMatchObject({ step: 'CountRows#1', name: 'rows', value: 5 });
        expect(list.filter(e => e.event === 'artifact').map(e => [e.name, e.path, e.format])).toEqual([
            ['scaled', 'results/scaled.npy', 'numpy'],
            ['tables/table', 'results/tables/table.table', 'table']
        ]);
        const values = ok(await runPython(['-c', 'import sys, numpy as np; print(np.load(sys.argv[1]).tolist())', join(job, 'results', 'scaled.npy')]));
        expect(values.stdout.trim()).toBe('[1.0, 4.0, 7.0, 10.0, 13.0]');
        expect(readFileSync(join(job, 'results', 'tables', 'table.table'), 'utf-8')).toBe('1.0,2.0\n4.0,8.0\n7.0,14.0\n10.0,20.0\n13.0,26.0');
    }, 60_000);

    test('the same project exports to the same bytes', async () => {
        const { folder, dfp, numbers } = await project();
        const a = join(folder, 'a.zip');
        const b = join(folder, 'b.zip');
        expect(await runExport(dfp, { out: a, static: [`numbers.npy=${numbers}`] }, new BufferedIO())).toBe(0);
        expect(await runExport(dfp, { out: b, static: [`numbers=${numbers}`] }, new BufferedIO())).toBe(0);
        expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    });

    test('--static errors: unknown input, missing file, malformed option', async () => {
        const { folder, dfp, numbers } = await project();
        let io = new BufferedIO();
        expect(await runExport(dfp, { out: join(folder, 'x.zip'), static: [`nums=${numbers}`] }, io)).toBe(2);
        expect(io.errors).toBe('deepforge: --static nums: no Input step or artifact `nums`; the pipeline\'s inputs: `numbers` (artifact "numbers.npy"), `factor` (artifact "factor.pkl")');
        io = new BufferedIO();
        expect(await runExport(dfp, { out: join(folder, 'x.zip'), static: [`numbers=${join(folder, 'nope.npy')}`] }, io)).toBe(2);
        expect(io.errors).toMatch(/^deepforge: --static numbers: cannot read .*nope\.npy \(no such file; artifacts are given as files until DeepForge has an artifact store\)$/);
        expect(() => parseStaticInputs(['numbers'])).toThrow('--static takes INPUT=PATH');
        expect(existsSync(join(folder, 'x.zip'))).toBe(false);
    });
});

describe('the runtime', () => {
    test('a custom serialization carries a value between steps run alone (the producer\'s module registers it)', async () => {
        const { folder, dfp, numbers, factor } = await project();
        const job = join(folder, 'job');
        await writeJobBundle(await buildJobBundle(dfp), job);
        const step = async (id: string, args: string[]) => ok(await runPython(['-m', 'deepforge.run_step', 'manifest.json', id, '--outputs-dir', join(folder, 'steps', id), ...args], { cwd: job }));
        const fromNumbers = await step('numbers', ['--artifact', numbers]);
        expect(events(fromNumbers.stdout).find(e => e.event === 'output')).toMatchObject({ port: 'data', format: 'numpy' });
        await step('factor', ['--artifact', factor]);
        await step('scaled', ['--input', `values=${join(folder, 'steps', 'numbers', 'data.npy')}`, '--input', `factor=${join(folder, 'steps', 'factor', 'data.pkl')}`]);
        const table = await step('table', ['--input', `values=${join(folder, 'steps', 'scaled', 'scaled.npy')}`]);
        expect(events(table.stdout).find(e => e.event === 'output')).toMatchObject({ port: 'table', format: 'table' });
        const rows = await step('CountRows#1', ['--input', `table=${join(folder, 'steps', 'table', 'table.table')}`]);
        expect(events(rows.stdout).find(e => e.event === 'metric')).toMatchObject({ name: 'rows', value: 5 });

        // Usage errors exit with 2 and say what is missing.
        const missing = await runPython(['-m', 'deepforge.run_step', 'manifest.json', 'scaled', '--outputs-dir', join(folder, 'x')], { cwd: job });
        expect(missing.code).toBe(2);
        expect(missing.stderr).toContain('deepforge.run_step: step scaled needs --input for values, factor');
        const unknown = await runPython(['-m', 'deepforge.run_step', 'manifest.json', 'nope', '--outputs-dir', join(folder, 'x')], { cwd: job });
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain("no step 'nope' in the manifest");
    }, 60_000);

    test('a failing step: its traceback, a failed event, the later steps cancelled, exit status 1', async () => {
        const { folder, dfp, numbers } = await project();
        writeFiles(folder, { 'ops/count_rows.py': PROJECT['ops/count_rows.py'].replace('rows = len(table.rows)', 'rows = len(table.rows) / 0') });
        const job = join(folder, 'job');
        await writeJobBundle(await buildJobBundle(dfp, { staticInputs: new Map([['numbers', numbers]]) }), job);
        const factor = join(folder, 'data', 'factor.pkl');
        const run = await runPython(['main.py', factor], { cwd: job });
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('ZeroDivisionError: division by zero');
        const list = events(run.stdout);
        expect(list.find(e => e.event === 'step' && e.status === 'failed')).toMatchObject({
            step: 'CountRows#1', operation: 'CountRows', error: 'ZeroDivisionError: division by zero', traceback: expect.stringContaining('count_rows.py')
        });
        expect(list.filter(e => e.status === 'cancelled').map(e => e.step)).toEqual(['Output#1', 'Output#2']);
        expect(list.at(-1)).toMatchObject({ event: 'pipeline', status: 'failed' });
    }, 60_000);
});

describe('the zip writer', () => {
    test('Python reads names (unicode too), contents and modes; stored and deflated entries', async () => {
        const folder = tempDir('zip');
        const big = 'abc'.repeat(10_000);
        const zip = createZip([
            { name: 'top/ä ü/naïve.txt', data: 'unicode name' },
            { name: 'top/big.txt', data: big },
            { name: 'top/empty', data: '' },
            { name: 'top/bin', data: new Uint8Array([0, 255, 1, 254]) },
            { name: 'top/run.py', data: 'print(1)\n', mode: 0o755 }
        ]);
        writeFiles(folder, { 'a.zip': zip });
        const result = ok(await runPython(['-c', [
            'import json, sys, zipfile',
            'z = zipfile.ZipFile(sys.argv[1])',
            'assert z.testzip() is None',
            'print(json.dumps({i.filename: [i.compress_type, (i.external_attr >> 16) & 0o777, z.read(i).hex() if i.file_size < 10 else len(z.read(i))] for i in z.infolist()}))'
        ].join('\n'), join(folder, 'a.zip')]));
        expect(JSON.parse(result.stdout)).toEqual({
            'top/ä ü/naïve.txt': [0, 0o644, 12],
            'top/big.txt': [8, 0o644, 30_000],
            'top/empty': [0, 0o644, ''],
            'top/bin': [0, 0o644, '00ff01fe'],
            'top/run.py': [0, 0o755, '7072696e742831290a']
        });
        expect(() => createZip([{ name: 'x', data: '' }, { name: 'x', data: '' }])).toThrow('duplicate zip entry x');
    });
});
