import { GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import { Arity, Metamodel, T, type AttributeAssignment, type Connection, type LoweredDocument, type ModelGraph, type ModelNode, type Trace, type Value } from 'deepforge-ts';
import { isValueList, isValueRange, type Sweep } from '../generated/ast.js';
import { planValue, sweepsOf } from '../plan/sweep-plan.js';
import type { SweepChecker } from '../validation/sweep-checker.js';
import type { SweepServices } from '../sweep-module.js';

/** The metamodel of sweep graphs: a `Sweep` node fed by one `Parameter` node per swept attribute. */
export const SWEEP_METAMODEL = new Metamodel('sweep', [
    {
        name: 'Sweep',
        doc: 'A hyperparameter search over a pipeline: one execution per configuration.',
        attributes: [
            { name: 'strategy', type: T.enum('grid', 'random'), default: 'grid', doc: 'grid: every combination; random: `samples` seeded draws' },
            { name: 'samples', type: T.optional(T.int), min: 1, doc: 'How many configurations `strategy random` draws.' },
            { name: 'seed', type: T.int, default: 0, doc: 'The seed of `strategy random`.' },
            { name: 'objective', type: T.optional(T.string), doc: '`maximize accuracy`: the metric that ranks the report.' }
        ],
        inputs: [{ name: 'parameters', arity: Arity.any, doc: 'The swept attributes.' }],
        references: [{ name: 'pipeline', target: 'pipeline', required: true, doc: 'The pipeline every configuration runs.' }]
    },
    {
        name: 'Parameter',
        doc: 'An attribute of a pipeline step and the values the sweep gives it.',
        attributes: [
            { name: 'values', type: T.list(), doc: 'The values (a list), or the bounds of a range.' },
            { name: 'range', type: T.bool, default: false, doc: 'Whether `values` are the inclusive bounds of a range.' }
        ],
        outputs: [{ name: 'sweep', arity: Arity.any }],
        references: [{ name: 'attribute', target: 'attribute', required: true, doc: '`step.attribute` of the pipeline.' }]
    }
]);

/**
 * Lowers `.sweep` documents to model graphs, one per sweep: a `Sweep` node (strategy,
 * samples, seed, objective; a reference to the pipeline) and a `Parameter` node per swept
 * attribute (its values; a reference to `step.attribute` of the pipeline), connected to it.
 * The diagnostics are the sweep checker's.
 */
export class SweepLowering {
    protected readonly checker: SweepChecker;

    constructor(services: SweepServices) {
        this.checker = services.validation.SweepChecker;
    }

    lower(document: LangiumDocument): LoweredDocument {
        const uri = document.uri.toString();
        const trace = (node: AstNode | undefined, property?: string): Trace => {
            const cst = property ? GrammarUtils.findNodeForProperty(node?.$cstNode, property) ?? node?.$cstNode : node?.$cstNode;
            return { uri, range: cst?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
        };
        const graphs = sweepsOf(document).filter(s => s.name).map(sweep => ({ graph: this.lowerSweep(sweep, trace), metamodel: SWEEP_METAMODEL }));
        return { graphs, diagnostics: this.checker.check(document) };
    }

    protected lowerSweep(sweep: Sweep, trace: (node: AstNode | undefined, property?: string) => Trace): ModelGraph {
        const strategy = sweep.strategies[0];
        const objective = sweep.objectives[0];
        const attribute = (name: string, value: Value, at: Trace): AttributeAssignment => ({ name, value, trace: at, nameTrace: at });
        const sweepAttributes: AttributeAssignment[] = [attribute('strategy', { kind: 'string', value: strategy?.kind ?? 'grid' }, trace(strategy ?? sweep))];
        if (strategy?.samples !== undefined) sweepAttributes.push(attribute('samples', { kind: 'int', value: strategy.samples }, trace(strategy, 'samples')));
        if (strategy?.seed !== undefined) sweepAttributes.push(attribute('seed', { kind: 'int', value: strategy.seed }, trace(strategy, 'seed')));
        if (objective?.metric) {
            const metric = objective.step ? `${objective.step.$refText}.${objective.metric}` : objective.metric;
            sweepAttributes.push(attribute('objective', { kind: 'string', value: `${objective.direction} ${metric}` }, trace(objective)));
        }
        const sweepNode: ModelNode = {
            id: sweep.name, name: sweep.name, type: 'Sweep', attributes: sweepAttributes,
            references: [{ name: 'pipeline', target: sweep.pipeline?.$refText ?? '', ...(sweep.pipeline?.ref ? { targetKind: 'pipeline' } : {}), trace: trace(sweep, 'pipeline'), targetTrace: trace(sweep, 'pipeline') }],
            trace: trace(sweep), nameTrace: trace(sweep, 'name')
        };
        const nodes: ModelNode[] = [sweepNode];
        const connections: Connection[] = [];
        sweep.parameters.forEach((parameter, position) => {
            const target = `${parameter.step?.$refText ?? ''}.${parameter.attribute ?? ''}`;
            const values: Value[] = isValueList(parameter.values)
                ? parameter.values.values.map(v => (planValue(v) as Value | undefined) ?? { kind: 'unknown' })
                : isValueRange(parameter.values) ? [parameter.values.min, parameter.values.max].map(text => numberValue(text)) : [];
            nodes.push({
                id: target, name: target, type: 'Parameter',
                attributes: [
                    attribute('values', { kind: 'list', items: values }, trace(parameter, 'values')),
                    attribute('range', { kind: 'bool', value: isValueRange(parameter.values) }, trace(parameter, 'values'))
                ],
                references: [{ name: 'attribute', target, ...(parameter.step?.ref ? { targetKind: 'attribute' } : {}), trace: trace(parameter), targetTrace: trace(parameter, 'attribute') }],
                trace: trace(parameter), nameTrace: trace(parameter, 'attribute')
            });
            connections.push({ from: { node: target, port: 'sweep' }, to: { node: sweep.name, port: 'parameters', position }, trace: trace(parameter) });
        });
        return { name: sweep.name, kind: 'sweep', metamodel: SWEEP_METAMODEL.name, nodes, connections, inputs: [], outputs: [], trace: trace(sweep), nameTrace: trace(sweep, 'name') };
    }
}

function numberValue(text: string | undefined): Value {
    const clean = (text ?? '').replace(/\s+/g, '');
    return /^-?\d+$/.test(clean) ? { kind: 'int', value: Number(clean) } : { kind: 'float', value: Number(clean) };
}
