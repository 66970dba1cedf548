import type { Range } from 'vscode-languageserver-types';
import { Actions, T, type CreateEdgeAction, type DiagramNode, type DiagramPort } from '../../../diagram/model/diagram-model.js';
import { GROUP_PREFIX } from '../../../diagram/generator/network-diagram.js';
import { OUTPUT_OPERATION, UNNAMED_STEP } from '../../../metamodel/pipeline/index.js';
import type { DiagramContext } from '../diagram-sources.js';
import { callGroups } from './parse-utils.js';
import { appendListItem, failed, portOf, type EditHandler, type EditResult } from './text-edits.js';

/**
 * Connects an output port to an input port: the source's name is added to the target's input
 * list — `(a)` → `(a, b)` for a layer, `b[1]` for one output of several; `port=step.output` for a
 * step (replacing the port's current source: a step input takes one), `(port=step.output)` when
 * the step had no inputs yet.
 */
export class CreateEdgeHandler implements EditHandler<CreateEdgeAction> {
    readonly kind = Actions.createEdge;

    handle(action: CreateEdgeAction, context: DiagramContext): EditResult {
        let source = portOf(context, action.sourceId);
        let target = portOf(context, action.targetId);
        if (!source || !target) return failed('connect an output port to an input port');
        if (source.port.type === T.inputPort && target.port.type === T.outputPort) [source, target] = [target, source];
        if (source.port.type !== T.outputPort || target.port.type !== T.inputPort) return failed('connect an output port to an input port');
        if (source.node.id === target.node.id) return failed('a node cannot feed itself');
        return context.kind === 'network' ? this.network(context, source, target) : this.pipeline(context, source, target);
    }

    protected network(context: DiagramContext, source: { node: DiagramNode; port: DiagramPort }, target: { node: DiagramNode; port: DiagramPort }): EditResult {
        const sourceName = this.networkName(context, source.node);
        if (!sourceName) return failed('the source is inside a block: connect the block call instead');
        const statement = this.networkStatement(context, target.node);
        if (!statement) return failed('the target is inside a block: connect the block call instead');
        const item = source.port.outputIndex !== undefined ? `${sourceName}[${source.port.outputIndex}]` : sourceName;
        const text = context.text.getText(statement);
        const groups = callGroups(text);
        if (!groups.inputs) return failed(`\`${target.node.modelId ?? target.node.id}\` takes no inputs`);
        const close = context.text.offsetAt(statement.start) + groups.inputs[1];
        return { edits: [appendListItem(context.text, close, item)] };
    }

    /** The name a node is referred to by: a layer's name, a block call's name. */
    protected networkName(context: DiagramContext, node: DiagramNode): string | undefined {
        if (node.type === T.group) {
            const name = node.id.substring(GROUP_PREFIX.length);
            return name.includes('/') ? undefined : name;
        }
        const model = context.graph.nodes.find(n => n.id === node.modelId);
        return model && !model.group?.length ? model.name : undefined;
    }

    protected networkStatement(context: DiagramContext, node: DiagramNode): Range | undefined {
        if (node.type === T.group) {
            const call = context.network?.lowered.blockCalls.find(c => GROUP_PREFIX + c.name === node.id);
            return call?.trace.uri === context.uri ? call.trace.range : undefined;
        }
        const model = context.graph.nodes.find(n => n.id === node.modelId);
        return model && !model.group?.length && model.trace.uri === context.uri ? model.trace.range : undefined;
    }

    protected pipeline(context: DiagramContext, source: { node: DiagramNode; port: DiagramPort }, target: { node: DiagramNode; port: DiagramPort }): EditResult {
        const from = context.graph.nodes.find(n => n.id === source.node.modelId);
        const to = context.graph.nodes.find(n => n.id === target.node.modelId);
        if (!from || !to || to.trace.uri !== context.uri) return failed('cannot connect these steps');
        if (from.meta?.[UNNAMED_STEP]) return failed(`name the \`${from.type}\` step first: an unnamed step cannot be referred to`);
        const port = target.port.portName!;
        const reference = `${from.name}.${source.port.portName}`;
        const positional = to.type === OUTPUT_OPERATION && context.specs?.get(to.id)?.builtin;
        const item = positional ? reference : `${port}=${reference}`;
        const existing = context.graph.connections.find(c => c.to.node === to.id && c.to.port === port && c.trace.uri === context.uri);
        if (existing) return { edits: [{ range: existing.trace.range, newText: item }] };
        const statement = to.trace.range;
        const text = context.text.getText(statement);
        const groups = callGroups(text);
        if (!groups.args) return failed('cannot read the step');
        if (groups.inputs) return { edits: [appendListItem(context.text, context.text.offsetAt(statement.start) + groups.inputs[1], item)] };
        const at = context.text.positionAt(context.text.offsetAt(statement.start) + groups.args[1] + 1);
        return { edits: [{ range: { start: at, end: at }, newText: `(${item})` }] };
    }
}
