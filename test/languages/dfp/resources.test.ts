import { describe, expect, test } from 'vitest';
import { at, build, describe as describeDiagnostics, dfpServices, expectDiagnostic } from './helpers.js';

/** `resources { … }`: parsing, checks at exact ranges, and lowering into the operation spec. */

const op = (resources: string) => `operation Fit {\n    resources { ${resources} }\n    outputs y\n}\n\npipeline P {\n    f = Fit()\n}\n`;

describe('resources section', () => {
    test('every key checks clean and lowers into the operation spec', async () => {
        const document = await build(op('cpus: 4, gpus: 1, memory: "16G", time: "2:00:00", partition: "gpu", account: "lab-1"'));
        expect(describeDiagnostics(document)).toEqual([]);
        const [pipeline] = dfpServices().dfp.lowering.Lowering.lower(document).pipelines;
        expect(pipeline.specs.get('f')?.resources).toEqual({ cpus: 4, gpus: 1, memory: '16G', time: '2:00:00', partition: 'gpu', account: 'lab-1' });
    });

    test('commas are optional, one entry per line parses; no section: no resources in the spec', async () => {
        const multiline = await build('operation Fit {\n    resources {\n        cpus: 2\n        time: "30"\n    }\n}\npipeline P {\n    f = Fit()\n}\n');
        expect(multiline.parseResult.parserErrors).toEqual([]);
        expect(dfpServices().dfp.lowering.Lowering.lower(multiline).pipelines[0].specs.get('f')?.resources).toEqual({ cpus: 2, time: '30' });
        const none = await build('operation Fit {\n    inputs x\n}\npipeline P {\n    f = Fit()\n}\n');
        expect(dfpServices().dfp.lowering.Lowering.lower(none).pipelines[0].specs.get('f')?.resources).toBeUndefined();
    });

    test('every Slurm time format is accepted', async () => {
        for (const time of ['5', '05:30', '2:00:00', '1-12', '1-12:30', '2-00:00:00']) {
            const document = await build(op(`time: "${time}"`));
            expect(describeDiagnostics(document).filter(d => d.includes('time')), time).toEqual([]);
        }
    });

    test('an unknown key, with did-you-mean and a fix', async () => {
        const text = op('cpu: 4');
        const diagnostic = expectDiagnostic(await build(text), { message: 'unknown resource `cpu` — did you mean `cpus`?', range: at(text, 1, 'cpu') });
        expect((diagnostic.data as { fixes: Array<{ newText: string }> }).fixes[0].newText).toBe('cpus');
        const far = op('nodes: 2');
        expectDiagnostic(await build(far), {
            message: 'unknown resource `nodes` (one of `cpus`, `gpus`, `memory`, `time`, `partition`, `account`)', range: at(far, 1, 'nodes')
        });
    });

    test('wrong types: a string count, a float count, a number for memory', async () => {
        const text = op('cpus: "4", gpus: 1.0, memory: 16');
        const document = await build(text);
        expectDiagnostic(document, { message: '`cpus` takes a whole number (e.g. `cpus: 4`)', range: at(text, 1, '"4"') });
        expectDiagnostic(document, { message: '`gpus` takes a whole number (e.g. `gpus: 1`) (got float `1.0`)', range: at(text, 1, '1.0') });
        expectDiagnostic(document, { message: '`memory` takes a string (e.g. `memory: "16G"`)', range: at(text, 1, '16') });
    });

    test('out of range counts', async () => {
        const text = op('cpus: 0, gpus: -1');
        const document = await build(text);
        expectDiagnostic(document, { message: '`cpus` must be ≥ 1, not 0', range: at(text, 1, '0') });
        expectDiagnostic(document, { message: '`gpus` must be ≥ 0, not -1', range: at(text, 1, '-1') });
    });

    test('bad memory and time formats, a partition that is not a Slurm name', async () => {
        const text = op('memory: "16GB", time: "2h", partition: "gpu nodes"');
        const document = await build(text);
        expectDiagnostic(document, { message: '`memory` must be a whole number with an optional unit K, M, G or T (`512M`, `16G`), not "16GB"', range: at(text, 1, '"16GB"') });
        expectDiagnostic(document, {
            message: '`time` must be one of Slurm\'s time formats MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS (`2:00:00`, `1-12`), not "2h"', range: at(text, 1, '"2h"')
        });
        expectDiagnostic(document, { message: '`partition` must be a Slurm name (letters, digits, `_`, `.`, `-`), not "gpu nodes"', range: at(text, 1, '"gpu nodes"') });
    });

    test('a key given twice; two resources sections', async () => {
        const text = op('cpus: 2, memory: "1G", cpus: 4');
        const document = await build(text);
        expectDiagnostic(document, { message: '`cpus` is given twice in `resources`', range: at(text, 1, 'cpus', 2) });
        // The first value counts.
        expect(dfpServices().dfp.lowering.Lowering.lower(document).pipelines[0].specs.get('f')?.resources).toEqual({ cpus: 2, memory: '1G' });
        const twice = 'operation Fit {\n    resources { cpus: 2 }\n    resources { gpus: 1 }\n}\n';
        expectDiagnostic(await build(twice), { message: 'operation `Fit` has two `resources` sections (the first on line 2); merge them', range: at(twice, 2, 'resources') });
    });

    test('half-typed sections parse with recovery and check without throwing', async () => {
        for (const body of ['resources { cpus: }', 'resources { : 4 }', 'resources { cpus 4 memory: "1G" }', 'resources {', 'resources { cpus: 4,, }', 'resources { time: ("1", 2) }']) {
            const document = await build(`operation Fit {\n    ${body}\n}\n`);
            expect(document.parseResult.value.$type, body).toBe('DfpModel');
        }
        const tuple = op('time: ("1", 2)');
        expectDiagnostic(await build(tuple), { message: '`time` takes a string (e.g. `time: "2:00:00"`) (got tuple `("1", 2)`)', range: at(tuple, 1, '("1", 2)') });
    });
});
