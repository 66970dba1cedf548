/**
 * The `.sweep` language against the real digits pipeline (examples/digits/digits.dfp): parsing,
 * cross-language references into `.dfp` (pipelines, steps, the operations' attributes) and the
 * checks, each at its exact range; and the lowering to a model graph.
 */
import { describe, expect, test } from 'vitest';
import { SweepLanguage, type SweepServices } from '../src/index.js';
import { sweepPlan, sweepsOf } from '../src/plan/sweep-plan.js';
import { loadSweepWorkspace } from '../src/commands/sweep-workspace.js';
import { checkSweep, EXAMPLE } from './helpers.js';

describe('the example digits.sweep', () => {
    test('has no problems and resolves into digits.dfp', async () => {
        const workspace = await loadSweepWorkspace(EXAMPLE, SweepLanguage);
        expect(workspace.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning')).toEqual([]);
        const [quick, wide] = sweepsOf(workspace.document);
        const plan = sweepPlan(quick, workspace.services.language<SweepServices>('sweep').references.PipelineIndex);
        expect(plan).toMatchObject({
            name: 'quick', pipeline: 'DigitsClassifier', strategy: { kind: 'grid' },
            parameters: [
                { step: 'trained', attribute: 'epochs', values: { kind: 'list', values: [{ kind: 'int', value: 1 }] } },
                { step: 'trained', attribute: 'batch_size', values: { kind: 'list', values: [{ kind: 'int', value: 32 }, { kind: 'int', value: 64 }] } },
                { step: 'trained', attribute: 'optimizer', values: { kind: 'list', values: [{ kind: 'string', value: 'adam' }, { kind: 'string', value: 'rmsprop' }] } }
            ],
            objective: { direction: 'maximize', metric: 'accuracy' }
        });
        expect(plan.pipelineFile).toMatch(/examples[\\/]digits[\\/]digits\.dfp$/);
        expect(wide.strategies[0]).toMatchObject({ kind: 'random', samples: 6, seed: 1 });
    });

    test('lowers to a sweep graph: a Sweep node fed by a Parameter node per swept attribute', async () => {
        const workspace = await loadSweepWorkspace(EXAMPLE, SweepLanguage);
        const lowered = SweepLanguage.lower(workspace.services.language<SweepServices>('sweep'), workspace.document);
        expect(lowered.diagnostics).toEqual([]);
        expect(lowered.graphs.map(g => g.graph.name)).toEqual(['quick', 'wide']);
        const { graph, metamodel } = lowered.graphs[0];
        expect(graph.kind).toBe('sweep');
        expect(graph.nodes.map(n => `${n.type} ${n.name}`)).toEqual(['Sweep quick', 'Parameter trained.epochs', 'Parameter trained.batch_size', 'Parameter trained.optimizer']);
        expect(graph.nodes[0].references).toMatchObject([{ name: 'pipeline', target: 'DigitsClassifier', targetKind: 'pipeline' }]);
        expect(graph.nodes[0].attributes.map(a => [a.name, a.value])).toEqual([
            ['strategy', { kind: 'string', value: 'grid' }],
            ['objective', { kind: 'string', value: 'maximize accuracy' }]
        ]);
        expect(graph.nodes[2].attributes[0].value).toEqual({ kind: 'list', items: [{ kind: 'int', value: 32 }, { kind: 'int', value: 64 }] });
        expect(graph.connections.map(c => `${c.from.node} -> ${c.to.node}.${c.to.port}[${c.to.position}]`)).toEqual([
            'trained.epochs -> quick.parameters[0]', 'trained.batch_size -> quick.parameters[1]', 'trained.optimizer -> quick.parameters[2]'
        ]);
        expect(metamodel.get('Parameter')?.outputs.map(p => p.name)).toEqual(['sweep']);
        // The graph passes the core's checks of its own metamodel: every node's type exists.
        expect(graph.nodes.every(n => metamodel.has(n.type))).toBe(true);
    });
});

describe('cross-language references and checks', () => {
    test('an unknown pipeline: did-you-mean, at the name, and no follow-up errors for its steps', async () => {
        const { errors } = await checkSweep('sweep s over DigitClassifier {\n    trained.epochs in [1]\n}\n');
        expect(errors).toEqual(['1:14 no pipeline `DigitClassifier` in the workspace: did you mean `DigitsClassifier`?']);
    });

    test('a pipeline of a file that is not imported nor beside the sweep is unknown', async () => {
        const { errors } = await checkSweep('sweep s over DigitsClassifier {\n}\n', { importDigits: false });
        expect(errors).toEqual(['1:14 no pipeline `DigitsClassifier` in the workspace (no .dfp file declares a pipeline: import one with `import "….dfp"`)']);
    });

    test('imports: a missing file, a file that is not a .dfp file', async () => {
        const { errors } = await checkSweep('import "nowhere/pipelines.dfp"\nimport "cnn.dfnn"\nsweep s over DigitsClassifier {\n}\n');
        expect(errors).toEqual([
            expect.stringMatching(/^1:8 cannot find `nowhere\/pipelines\.dfp` \(looked for .*nowhere[\\/]pipelines\.dfp\)$/),
            '2:8 cannot import `cnn.dfnn`: a .sweep file imports the .dfp files that declare pipelines'
        ]);
    });

    test('an unknown step and an unknown attribute: did-you-mean, each at its name', async () => {
        const { errors } = await checkSweep([
            'sweep s over DigitsClassifier {',
            '    traned.epochs in [1]',
            '    trained.epoch in [1, 2]',
            '    trained.architecture in [1]',
            '    split.nothing_like_it in [1]',
            '}', ''].join('\n'));
        expect(errors).toEqual([
            '2:5 pipeline `DigitsClassifier` has no step `traned`: did you mean `trained`?',
            '3:13 `TrainDigits` (step `trained`) has no attribute `epoch`: did you mean `epochs`?',
            '4:13 `architecture` of `TrainDigits` (step `trained`) is a reference to a model element, not an attribute a sweep can vary',
            '5:11 `SplitData` (step `split`) has no attribute `nothing_like_it` (it has `test_size`, `seed`)'
        ]);
    });

    test('values of the wrong type, outside the range, not in the enum; empty lists', async () => {
        const { errors } = await checkSweep([
            'sweep s over DigitsClassifier {',
            '    trained.epochs in [1, 2.5, "3", 0]',
            '    trained.batch_size in []',
            '    trained.optimizer in ["adam", "adamw"]',
            '    split.test_size in [0.5, 1.5]',
            '}', ''].join('\n'));
        expect(errors).toEqual([
            '2:27 `epochs` expects int, got float `2.5`',
            '2:32 `epochs` expects int, got string `"3"`',
            '2:37 0 is outside the range of `epochs`, 1..1000',
            '3:27 no values for `trained.batch_size`: give at least one',
            '4:35 `optimizer` expects "adam", "sgd" or "rmsprop", got "adamw": did you mean "adam"?',
            '5:30 1.5 is outside the range of `test_size`, 0..1'
        ]);
    });

    test('ranges: bounds checked against the attribute; a grid cannot enumerate floats', async () => {
        const { errors } = await checkSweep([
            'sweep s over DigitsClassifier {',
            '    trained.epochs in 0..3',
            '    trained.optimizer in 1..2',
            '    split.test_size in 0.1..0.3',
            '}', ''].join('\n'));
        expect(errors).toEqual([
            '2:23 0 is outside the range of `epochs`, 1..1000',
            '3:26 `optimizer` is "adam" | "sgd" | "rmsprop": a range needs an int or float attribute; list the values instead',
            '4:24 a grid cannot enumerate a float range: give a list of values, or use `strategy random samples N`'
        ]);
    });

    test('strategy random needs samples; one strategy, one objective; duplicates', async () => {
        const { errors, warnings } = await checkSweep([
            'sweep s over DigitsClassifier {',
            '    strategy random seed 3',
            '    strategy grid',
            '    trained.epochs in [1, 1]',
            '    trained.epochs in [2]',
            '    objective maximize accuracy',
            '    objective minimize loss',
            '}', ''].join('\n'));
        expect(errors).toEqual([
            '2:14 `strategy random` needs a number of samples: `strategy random samples 6`',
            '3:5 a sweep has one strategy; it is given above',
            '5:5 `trained.epochs` is swept above',
            '7:5 a sweep has one objective; it is given above'
        ]);
        expect(warnings).toEqual(['4:27 this value is listed above']);
    });

    test('syntax errors are reported by the parser', async () => {
        const { errors } = await checkSweep('sweep s over DigitsClassifier {\n    trained.epochs [1]\n}\n');
        expect(errors.length).toBeGreaterThan(0);
        expect(errors[0]).toBe("2:20 Expecting token of type 'in' but found `[`.");
    });
});
