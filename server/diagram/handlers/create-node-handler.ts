import type { Range } from 'vscode-languageserver-types';
import { Actions, T, type CreateNodeAction } from '../../../diagram/model/diagram-model.js';
import { GROUP_PREFIX } from '../../../diagram/generator/network-diagram.js';
import { placeholder } from '../../../languages/dfnn/lsp/dfnn-code-action-provider.js';
import type { AttributeType } from '../../../metamodel/core/index.js';
import { UNNAMED_STEP } from '../../../metamodel/pipeline/index.js';
import type { DiagramContext } from '../diagram-sources.js';
import { alignedStatement, failed, freshName, insertLineAfter, lineLayout, portOf, snakeCase, type EditHandler, type EditResult } from './text-edits.js';

/**
 * Adds a layer or a step from the palette: one new statement, aligned like its neighbours,
 * after the statement it is fed from (or after the last one): `dense = Dense(units=1)(flat)`, with
 * placeholders for the required arguments; `train_digits = TrainDigits()(images=split.train_images)`.
 * A layer added without a source gets an empty input list, to connect in the diagram.
 */
export class CreateNodeHandler implements EditHandler<CreateNodeAction> {
    readonly kind = Actions.createNode;

    handle(action: CreateNodeAction, context: DiagramContext): EditResult {
        return context.kind === 'network' ? this.layer(action, context) : this.step(action, context);
    }

    protected layer(action: CreateNodeAction, context: DiagramContext): EditResult {
        const type = context.metamodel.get(action.elementType);
        if (!type || type.definition.abstract) return failed(`\`${action.elementType}\` is not a layer type`);
        const input = type.name === context.services.dfnn.domain.NetworkDomain.inputType;
        const args = type.attributes.filter(a => a.required).map(a => `${a.name}=${placeholder(a.type as AttributeType)}`).join(', ');
        let anchor: Range | undefined;
        let from = '';
        if (action.from) {
            const source = portOf(context, action.from);
            if (!source || source.port.type !== T.outputPort) return failed('add a layer below an output port');
            if (source.node.type === T.group) {
                const call = context.network?.lowered.blockCalls.find(c => GROUP_PREFIX + c.name === source.node.id);
                if (!call) return failed('the source is inside a block');
                from = call.name;
                anchor = call.trace.range;
            } else {
                const node = context.graph.nodes.find(n => n.id === source.node.modelId && !n.group?.length);
                if (!node) return failed('the source is inside a block');
                from = source.port.outputIndex !== undefined ? `${node.name}[${source.port.outputIndex}]` : node.name;
                anchor = node.trace.range;
            }
        }
        anchor ??= this.lastStatement(context);
        if (!anchor) return failed(`\`${context.graph.name}\` has no statement to add after`);
        const name = freshName(context.graph.nodes.map(n => n.group?.[0] ?? n.name), snakeCase(type.name));
        const layout = lineLayout(context.text, anchor.start.line);
        const call = `${action.elementType}(${input ? 'shape=(1,)' : args})${input ? '' : `(${from})`}`;
        return { edits: [insertLineAfter(context.text, anchor, alignedStatement(layout.indent, layout.equals, name, call))] };
    }

    protected step(action: CreateNodeAction, context: DiagramContext): EditResult {
        const spec = context.operations?.get(action.elementType);
        if (!spec) return failed(`\`${action.elementType}\` is not an operation this pipeline can use`);
        const args = spec.attributes.filter(a => a.required).map(a => `${a.name}=${placeholder(a.type)}`)
            .concat(spec.references.filter(r => r.required).map(r => `${r.name}=${r.kind === 'network' ? 'Network' : r.name}`)).join(', ');
        let inputs = '';
        let anchor: Range | undefined;
        if (action.from) {
            const source = portOf(context, action.from);
            const node = source && context.graph.nodes.find(n => n.id === source.node.modelId);
            if (!source || !node || source.port.type !== T.outputPort) return failed('add a step below an output port');
            if (node.meta?.[UNNAMED_STEP]) return failed(`name the \`${node.type}\` step first`);
            const port = spec.inputs[0]?.name;
            if (port) inputs = spec.builtin ? `(${node.name}.${source.port.portName})` : `(${port}=${node.name}.${source.port.portName})`;
            anchor = node.trace.range;
        }
        anchor ??= this.lastStatement(context);
        if (!anchor) return failed(`\`${context.graph.name}\` has no step to add after`);
        const name = freshName(context.graph.nodes.map(n => n.name), snakeCase(spec.name));
        const layout = lineLayout(context.text, anchor.start.line);
        return { edits: [insertLineAfter(context.text, anchor, alignedStatement(layout.indent, layout.equals, name, `${spec.name}(${args})${inputs}`))] };
    }

    /** The last statement of the graph written in this document. */
    protected lastStatement(context: DiagramContext): Range | undefined {
        let last: Range | undefined;
        for (const node of context.graph.nodes) {
            const range = node.group?.length ? undefined : node.trace.uri === context.uri ? node.trace.range : undefined;
            if (range && (!last || range.end.line > last.end.line)) last = range;
        }
        for (const call of context.network?.lowered.blockCalls ?? []) {
            if (call.trace.uri === context.uri && (!last || call.trace.range.end.line > last.end.line)) last = call.trace.range;
        }
        return last;
    }
}
