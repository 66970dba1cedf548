import { GrammarUtils, type AstNode, type LangiumDocument, type LangiumDocuments } from 'langium';
import { checkValue, describeType, didYouMean, enumValues, type Diagnostic, type OperationAttributeSpec, type OperationSpec, type Severity, type Value } from 'deepforge-ts';
import { isValueList, isValueRange, type Parameter, type Sweep, type SweepModel } from '../generated/ast.js';
import { gridSize } from '../plan/configurations.js';
import { planValue, planValues, type PlanParameter } from '../plan/sweep-plan.js';
import { isStepNode, type PipelineIndex, type StepNode } from '../references/pipeline-index.js';
import type { SweepServices } from '../sweep-module.js';

/** Grids larger than this get a warning (each configuration is a whole pipeline run). */
export const LARGE_SWEEP = 100;

/**
 * The model checks of `.sweep` documents, across languages: every swept attribute exists on
 * its step's operation (did-you-mean otherwise), every value fits the attribute's type, enum
 * and range from the pipeline metamodel's operation interface; value lists are not empty;
 * `strategy random` says how many samples; a sweep has one strategy and one objective.
 * Unresolved pipelines and steps are the linker's to report. Diagnostics are at the exact
 * range concerned, positions zero-based.
 */
export interface SweepChecker {
    check(document: LangiumDocument): Diagnostic[];
}

export class DefaultSweepChecker implements SweepChecker {
    protected readonly pipelineIndex: PipelineIndex;
    protected readonly documents: LangiumDocuments;

    constructor(services: SweepServices) {
        this.pipelineIndex = services.references.PipelineIndex;
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    check(document: LangiumDocument): Diagnostic[] {
        const diagnostics: Diagnostic[] = [];
        const report = (severity: Severity, code: string, message: string, node: AstNode, property?: string, index?: number) => {
            const cst = property ? GrammarUtils.findNodeForProperty(node.$cstNode, property, index) ?? node.$cstNode : node.$cstNode;
            if (!cst) return;
            diagnostics.push({ severity, code, message, trace: { uri: document.uri.toString(), range: cst.range } });
        };
        const root = document.parseResult.value as SweepModel;
        // Imports name existing, loaded `.dfp` files.
        for (const node of root.imports ?? []) {
            if (!node.path) continue;
            const uri = this.pipelineIndex.resolveImport(document, node.path);
            if (!node.path.endsWith('.dfp')) report('error', 'import', `cannot import \`${node.path}\`: a .sweep file imports the .dfp files that declare pipelines`, node, 'path');
            else if (!this.documents.hasDocument(uri)) report('error', 'import', `cannot find \`${node.path}\` (looked for ${uri.scheme === 'file' ? uri.fsPath : uri.toString()})`, node, 'path');
        }
        const names = new Set<string>();
        for (const sweep of root.sweeps ?? []) {
            if (sweep.name && names.has(sweep.name)) report('error', 'duplicate-sweep', `a sweep \`${sweep.name}\` is declared above`, sweep, 'name');
            names.add(sweep.name);
            this.checkSweep(sweep, report);
        }
        return diagnostics;
    }

    protected checkSweep(sweep: Sweep, report: Reporter): void {
        for (const extra of sweep.strategies.slice(1)) report('error', 'duplicate-strategy', 'a sweep has one strategy; it is given above', extra);
        for (const extra of sweep.objectives.slice(1)) report('error', 'duplicate-objective', 'a sweep has one objective; it is given above', extra);
        const strategy = sweep.strategies[0];
        if (strategy?.kind === 'random') {
            if (strategy.samples === undefined) report('error', 'random-without-samples', '`strategy random` needs a number of samples: `strategy random samples 6`', strategy, 'kind');
            else if (strategy.samples < 1) report('error', 'samples', 'samples must be at least 1', strategy, 'samples');
        } else if (strategy?.kind === 'grid') {
            if (strategy.samples !== undefined) report('warning', 'grid-samples', '`samples` applies to `strategy random` only; a grid runs every combination', strategy, 'samples');
            if (strategy.seed !== undefined) report('warning', 'grid-seed', '`seed` applies to `strategy random` only', strategy, 'seed');
        }
        if (sweep.pipeline?.ref && sweep.parameters.length === 0) {
            report('warning', 'no-parameters', `sweep \`${sweep.name}\` varies nothing: it runs \`${sweep.pipeline.$refText}\` once`, sweep, 'name');
        }
        const seen = new Set<string>();
        const planned: PlanParameter[] = [];
        const floatRanges: Parameter[] = [];
        for (const parameter of sweep.parameters) {
            const key = `${parameter.step?.$refText}.${parameter.attribute}`;
            if (seen.has(key)) report('error', 'duplicate-parameter', `\`${key}\` is swept above`, parameter);
            seen.add(key);
            const attribute = this.checkParameter(parameter, report);
            const values = planValues(parameter, attribute);
            if (values) planned.push({ step: parameter.step?.$refText ?? '', attribute: parameter.attribute, values });
            // Only a float attribute's range is a float range (another kind's range is an error above).
            if (values?.kind === 'range' && !values.integer && (!attribute || numericKind(attribute) === 'float')) floatRanges.push(parameter);
        }
        if (strategy?.kind !== 'random' && planned.length === sweep.parameters.length) {
            const floatRange = floatRanges[0];
            if (floatRange) {
                report('error', 'grid-float-range', 'a grid cannot enumerate a float range: give a list of values, or use `strategy random samples N`', floatRange, 'values');
            } else {
                const size = gridSize(planned);
                if (size > LARGE_SWEEP) report('warning', 'large-sweep', `the grid has ${size} configurations, each a run of the pipeline`, sweep, 'name');
            }
        }
    }

    /** Checks a parameter against its step's operation; returns the attribute when it exists. */
    protected checkParameter(parameter: Parameter, report: Reporter): OperationAttributeSpec | undefined {
        const step: unknown = parameter.step?.ref;
        if (!isStepNode(step) || !parameter.attribute) return undefined;
        const spec = this.pipelineIndex.operationSpec(step);
        if (!spec) return undefined;
        const attribute = spec.attributes.find(a => a.name === parameter.attribute);
        if (!attribute) {
            report('error', 'unknown-attribute', this.unknownAttribute(step, spec, parameter.attribute), parameter, 'attribute');
            return undefined;
        }
        const values = parameter.values;
        if (isValueList(values)) {
            if (values.values.length === 0) report('error', 'empty-values', `no values for \`${step.name}.${attribute.name}\`: give at least one`, parameter, 'values');
            const written = new Set<string>();
            for (const item of values.values) {
                const value = planValue(item);
                if (!value) continue;
                const key = JSON.stringify(value);
                if (written.has(key)) report('warning', 'duplicate-value', `this value is listed above`, item);
                written.add(key);
                const problem = this.valueProblem(attribute, value as Value);
                if (problem) report('error', 'value', problem, item);
            }
        } else if (isValueRange(values)) {
            const kind = numericKind(attribute);
            if (kind !== 'int' && kind !== 'float') {
                report('error', 'range-type', `\`${attribute.name}\` is ${describeType(attribute.type)}: a range needs an int or float attribute; list the values instead`, values);
                return attribute;
            }
            const min = Number(values.min), max = Number(values.max);
            if (kind === 'int' && !(/^-?\d+$/.test(values.min) && /^-?\d+$/.test(values.max))) {
                report('error', 'value', `\`${attribute.name}\` is an int: the range's bounds must be ints`, values);
            }
            if (min > max) report('error', 'empty-range', `the range ${values.min}..${values.max} is empty`, values);
            for (const [bound, property] of [[min, 'min'], [max, 'max']] as const) {
                const problem = this.rangeProblem(attribute, bound);
                if (problem) report('error', 'out-of-range', problem, values, property);
            }
        }
        return attribute;
    }

    protected unknownAttribute(step: StepNode, spec: OperationSpec, name: string): string {
        const operation = `\`${spec.name}\` (step \`${step.name}\`)`;
        if (spec.references.some(r => r.name === name)) return `\`${name}\` of ${operation} is a reference to a model element, not an attribute a sweep can vary`;
        const names = spec.attributes.map(a => a.name);
        const guess = didYouMean(name, names);
        return `${operation} has no attribute \`${name}\`` + (guess ? `: did you mean \`${guess}\`?` : names.length ? ` (it has ${names.map(n => `\`${n}\``).join(', ')})` : ' (it has none)');
    }

    /** Why a value does not fit the attribute (type, enum, range), or undefined. */
    protected valueProblem(attribute: OperationAttributeSpec, value: Value): string | undefined {
        const mismatch = checkValue(attribute.type, value, attribute.name);
        if (mismatch) {
            const allowed = enumValues(attribute.type);
            const guess = value.kind === 'string' && allowed.length ? didYouMean(value.value, allowed) : undefined;
            return mismatch.message + (guess ? `: did you mean ${JSON.stringify(guess)}?` : '');
        }
        return value.kind === 'int' || value.kind === 'float' ? this.rangeProblem(attribute, value.value) : undefined;
    }

    protected rangeProblem(attribute: OperationAttributeSpec, n: number): string | undefined {
        if ((attribute.min !== undefined && n < attribute.min) || (attribute.max !== undefined && n > attribute.max)) {
            return `${n} is outside the range of \`${attribute.name}\`, ${attribute.min ?? ''}..${attribute.max ?? ''}`;
        }
        return undefined;
    }
}

/** `int` or `float` for a (possibly optional) numeric attribute, else its type's kind. */
function numericKind(attribute: OperationAttributeSpec): string {
    return attribute.type.kind === 'optional' ? attribute.type.of.kind : attribute.type.kind;
}

type Reporter = (severity: Severity, code: string, message: string, node: AstNode, property?: string, index?: number) => void;

