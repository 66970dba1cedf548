import { formatValue, toJs, type JsValue, type ModelNode } from '../../metamodel/core/index.js';
import { UNNAMED_STEP } from '../../metamodel/pipeline/index.js';
import type { PipelineAnalysis } from '../../languages/dfp/analysis/dfp-analyzer.js';

/** One step of a pipeline as `deepforge graph` shows it. */
export interface StepView {
    /** The step's name; absent for unnamed steps (sinks such as `Output(…)(…)`). */
    readonly name?: string;
    readonly operation: string;
    /** Arguments as written, in source order: attributes and references. */
    readonly arguments: ReadonlyArray<{ readonly name?: string; readonly text: string; readonly value?: JsValue; readonly reference?: { readonly target: string; readonly kind?: string } }>;
    /** Input wiring, in the order of the operation's inputs: `images ← data.train_images`. */
    readonly inputs: ReadonlyArray<{ readonly port: string; readonly step: string; readonly output?: string }>;
    /** The operation's outputs. */
    readonly outputs: readonly string[];
}

/** A pipeline as `deepforge graph` shows it: steps in execution order. */
export interface PipelineView {
    readonly name: string;
    readonly steps: readonly StepView[];
}

/**
 * The steps of a validated pipeline in execution (topological) order — a step after every
 * step it takes inputs from, otherwise in source order — with their arguments and wiring.
 */
export function pipelineView(analysis: PipelineAnalysis): PipelineView {
    const { graph } = analysis.lowered;
    const { index, order } = analysis.validation;
    const steps = order.map((node): StepView => {
        const type = analysis.validation.nodes.get(node.id)?.type;
        const portOrder = new Map((type?.inputs ?? []).map((p, i) => [p.name, i]));
        const inputs = index.inputsOf(node.id)
            .slice()
            .sort((a, b) => (portOrder.get(a.to.port) ?? Infinity) - (portOrder.get(b.to.port) ?? Infinity))
            .map(c => ({ port: c.to.port, step: index.node(c.from.node)?.name ?? c.from.node, ...(c.from.port !== undefined ? { output: c.from.port } : {}) }));
        return {
            ...(node.meta?.[UNNAMED_STEP] ? {} : { name: node.name }),
            operation: node.type,
            arguments: argumentsOf(node),
            inputs,
            outputs: (type?.outputs ?? []).map(p => p.name)
        };
    });
    return { name: graph.name, steps };
}

function argumentsOf(node: ModelNode): StepView['arguments'] {
    const items: Array<{ at: number; view: StepView['arguments'][number] }> = [];
    const at = (trace: { range: { start: { line: number; character: number } } }) => trace.range.start.line * 1e6 + trace.range.start.character;
    for (const attribute of node.attributes) {
        items.push({ at: at(attribute.trace), view: { ...(attribute.name !== undefined ? { name: attribute.name } : {}), text: formatValue(attribute.value), value: toJs(attribute.value) } });
    }
    for (const reference of node.references ?? []) {
        items.push({ at: at(reference.trace), view: { name: reference.name, text: reference.target, reference: { target: reference.target, ...(reference.targetKind ? { kind: reference.targetKind } : {}) } } });
    }
    return items.sort((a, b) => a.at - b.at).map(item => item.view);
}

/** `trained = TrainCifar(architecture=VGG, epochs=5) ← images: data.train_images, labels: data.train_labels`. */
export function renderStep(step: StepView): string {
    const args = step.arguments.map(a => (a.name !== undefined ? `${a.name}=${a.text}` : a.text)).join(', ');
    const call = `${step.operation}(${args})`;
    const wiring = step.inputs.map(i => `${i.port}: ${i.step}${i.output !== undefined ? `.${i.output}` : ''}`).join(', ');
    return `${step.name !== undefined ? `${step.name} = ` : ''}${call}${wiring ? ` ← ${wiring}` : ''}`;
}

/** A pipeline as text: its name, then one line per step in execution order. */
export function renderPipeline(view: PipelineView): string[] {
    return [`pipeline ${view.name} (${view.steps.length} step${view.steps.length === 1 ? '' : 's'}, in execution order)`, ...view.steps.map(step => `    ${renderStep(step)}`)];
}
