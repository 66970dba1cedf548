import { AstUtils, type LangiumDocument } from 'langium';
import type { OperationAttributeSpec } from 'deepforge-ts';
import {
    isBoolValue, isNumberValue, isStringValue, isValueList, isValueRange, type Parameter, type Sweep, type SweepValue
} from '../generated/ast.js';
import { isPipelineNode, isStepNode, type PipelineIndex } from '../references/pipeline-index.js';

/** One value a parameter takes, as the sweep wrote it. */
export type PlanValue =
    | { readonly kind: 'int' | 'float'; readonly value: number }
    | { readonly kind: 'string'; readonly value: string }
    | { readonly kind: 'bool'; readonly value: boolean };

/** The values of a parameter: a list, or an inclusive range (`1..4`). */
export type PlanValues =
    | { readonly kind: 'list'; readonly values: readonly PlanValue[] }
    | { readonly kind: 'range'; readonly min: number; readonly max: number; readonly integer: boolean };

/** `trained.epochs in [1, 2]`. */
export interface PlanParameter {
    readonly step: string;
    readonly attribute: string;
    readonly values: PlanValues;
}

/** A sweep as plain data: what `sweep run` expands and launches. */
export interface SweepPlan {
    readonly name: string;
    readonly pipeline: string;
    /** The `.dfp` file declaring the pipeline (a file system path). */
    readonly pipelineFile: string;
    readonly strategy: { readonly kind: 'grid' } | { readonly kind: 'random'; readonly samples: number; readonly seed: number };
    readonly parameters: readonly PlanParameter[];
    readonly objective?: { readonly direction: 'maximize' | 'minimize'; readonly step?: string; readonly metric: string };
}

/** The plain value of a written value. */
export function planValue(value: SweepValue): PlanValue | undefined {
    if (isNumberValue(value)) {
        const text = (value.value ?? '').replace(/\s+/g, '');
        return /^-?\d+$/.test(text) ? { kind: 'int', value: Number(text) } : { kind: 'float', value: Number(text) };
    }
    if (isStringValue(value)) return { kind: 'string', value: value.value };
    if (isBoolValue(value)) return { kind: 'bool', value: value.value };
    return undefined;
}

/** A parameter's values, with the attribute's type deciding whether a range is of ints. */
export function planValues(parameter: Parameter, attribute?: OperationAttributeSpec): PlanValues | undefined {
    const values = parameter.values;
    if (isValueList(values)) {
        const list = values.values.map(planValue);
        return list.every(v => v !== undefined) ? { kind: 'list', values: list as PlanValue[] } : undefined;
    }
    if (isValueRange(values)) {
        const min = Number(values.min), max = Number(values.max);
        const integerBounds = /^-?\d+$/.test(values.min ?? '') && /^-?\d+$/.test(values.max ?? '');
        const integer = attribute ? attribute.type.kind === 'int' : integerBounds;
        return { kind: 'range', min, max, integer };
    }
    return undefined;
}

/** The sweep as a plan; call it on a document without errors. */
export function sweepPlan(sweep: Sweep, index: PipelineIndex): SweepPlan {
    const pipeline: unknown = sweep.pipeline?.ref;
    if (!isPipelineNode(pipeline)) throw new Error(`sweep ${sweep.name}: its pipeline is unresolved`);
    const strategy = sweep.strategies[0];
    const parameters = sweep.parameters.map((parameter): PlanParameter => {
        const step: unknown = parameter.step?.ref;
        const spec = isStepNode(step) ? index.operationSpec(step) : undefined;
        const values = planValues(parameter, spec?.attributes.find(a => a.name === parameter.attribute));
        if (!isStepNode(step) || !values) throw new Error(`sweep ${sweep.name}: parameter ${parameter.step?.$refText}.${parameter.attribute} is incomplete`);
        return { step: step.name!, attribute: parameter.attribute, values };
    });
    const objective = sweep.objectives[0];
    return {
        name: sweep.name,
        pipeline: pipeline.name,
        pipelineFile: AstUtils.getDocument(pipeline).uri.fsPath,
        strategy: strategy?.kind === 'random'
            ? { kind: 'random', samples: strategy.samples ?? 1, seed: strategy.seed ?? 0 }
            : { kind: 'grid' },
        parameters,
        ...(objective?.metric ? { objective: { direction: objective.direction as 'maximize' | 'minimize', ...(objective.step ? { step: objective.step.$refText } : {}), metric: objective.metric } } : {})
    };
}

/** The sweeps of a `.sweep` document. */
export function sweepsOf(document: LangiumDocument): Sweep[] {
    const root = document.parseResult.value as { sweeps?: Sweep[] };
    return [...root.sweeps ?? []];
}
