import { formatValue, type Diagnostic, type ModelGraph, type ModelNode } from '../../metamodel/core/index.js';
import type { OperationSpec } from '../../metamodel/pipeline/operation-spec.js';
import {
    snapWidth, T, textWidth, addChild, edgesFirst, type DiagramChild, type DiagramEdge, type DiagramGraph, type DiagramLabel, type DiagramNode, type DiagramPort, type ExecutionStatus
} from '../model/diagram-model.js';
import { assignDiagnostics, markerOf, MARKER_SIZE, PAD, PORT_SIZE, ROW_HEIGHT, sourceRange } from './common.js';

/** What a pipeline diagram is made of. */
export interface PipelineDiagramSource {
    readonly uri: string;
    readonly graph: ModelGraph;
    /** The operation of each step (by node id), for its ports. */
    readonly specs: ReadonlyMap<string, OperationSpec>;
    readonly diagnostics: readonly Diagnostic[];
    /** Node meta key of steps without a name. */
    readonly unnamedKey?: string;
    /** The built-in operations drawn apart. */
    readonly inputOperation?: string;
    readonly outputOperation?: string;
    /** The latest execution's status of each step (by node id), when there is one. */
    readonly statuses?: ReadonlyMap<string, ExecutionStatus>;
}

export const stepInputPortId = (nodeId: string, port: string) => `${nodeId}:in:${port}`;
export const stepOutputPortId = (nodeId: string, port: string) => `${nodeId}:out:${port}`;

const PORT_ROW = 16;
const PORT_GAP = 12;

/**
 * Model graph of a pipeline → Sprotty model: a node per step — named input ports on top and
 * output ports at the bottom (as in DeepForge), the operation and the step's name, its attributes
 * and references (`architecture → DigitsCNN`); Input and Output steps styled apart; a marker on
 * steps with a diagnostic; the execution status of each step when a run is known.
 */
export function generatePipelineDiagram(source: PipelineDiagramSource): DiagramGraph {
    const { graph } = source;
    const targets = graph.nodes.filter(n => n.trace.uri === source.uri).map(n => ({ id: n.id, range: n.trace.range }));
    const diagnosticsOf = assignDiagnostics(source.uri, source.diagnostics, targets);
    const root: DiagramGraph = { type: T.graph, id: 'graph', diagramKind: 'pipeline', name: graph.name, uri: source.uri, children: [] };
    // Ports: the operation's, plus any port a connection names that the operation lacks (reported elsewhere).
    const inputs = new Map<string, string[]>();
    const outputs = new Map<string, string[]>();
    for (const node of graph.nodes) {
        const spec = source.specs.get(node.id);
        inputs.set(node.id, spec ? spec.inputs.map(p => p.name) : []);
        outputs.set(node.id, spec ? spec.outputs.map(p => p.name) : []);
    }
    const ensure = (map: Map<string, string[]>, node: string, port: string) => {
        const list = map.get(node);
        if (list && !list.includes(port)) list.push(port);
    };
    for (const connection of graph.connections) {
        ensure(inputs, connection.to.node, connection.to.port);
        ensure(outputs, connection.from.node, connection.from.port ?? 'data');
    }
    for (const node of graph.nodes) {
        addChild(root, stepNode(node, source, inputs.get(node.id)!, outputs.get(node.id)!, diagnosticsOf.get(node.id)));
    }
    for (const connection of graph.connections) {
        if (!inputs.has(connection.from.node) || !inputs.has(connection.to.node)) continue;
        const sourceId = stepOutputPortId(connection.from.node, connection.from.port ?? 'data');
        const targetId = stepInputPortId(connection.to.node, connection.to.port);
        addChild(root, {
            type: T.artifact, id: `edge:${sourceId}->${targetId}#${connection.to.position}`, sourceId, targetId, children: [],
            hover: `${connection.from.node}.${connection.from.port ?? 'data'} → ${connection.to.node}.${connection.to.port}`,
            range: sourceRange(connection.trace)
        } satisfies DiagramEdge);
    }
    edgesFirst(root);
    return root;
}

function stepNode(node: ModelNode, source: PipelineDiagramSource, inputs: readonly string[], outputs: readonly string[],
    diagnostics: readonly Diagnostic[] | undefined): DiagramNode {
    const id = node.id;
    const unnamed = source.unnamedKey !== undefined && Boolean(node.meta?.[source.unnamedKey]);
    const own = node.trace.uri === source.uri;
    const children: DiagramChild[] = [];
    const top = inputs.length > 0 ? PORT_ROW + 4 : 4;
    const typeText = node.type;
    children.push({ type: T.typeLabel, id: `${id}:type`, text: typeText, position: { x: PAD, y: top } } satisfies DiagramLabel);
    let width = 2 * PAD + textWidth(typeText) + (diagnostics ? MARKER_SIZE + 4 : 0);
    if (!unnamed) {
        const nameX = PAD + textWidth(typeText) + 8;
        children.push({
            type: T.nameLabel, id: `${id}:name`, text: node.name, position: { x: nameX, y: top },
            ...(own ? { edit: { kind: 'name' as const }, range: node.nameTrace ? sourceRange(node.nameTrace) : undefined } : {})
        } satisfies DiagramLabel);
        width = Math.max(width, nameX + textWidth(node.name) + PAD + (diagnostics ? MARKER_SIZE + 4 : 0));
    }
    let y = top + ROW_HEIGHT + 4;
    for (const attribute of node.attributes) {
        const text = attribute.name !== undefined ? `${attribute.name}=${formatValue(attribute.value)}` : formatValue(attribute.value);
        children.push({
            type: T.argumentLabel, id: `${id}:attr:${attribute.name ?? attribute.position}`, text, position: { x: PAD, y },
            ...(own ? { edit: { kind: 'attribute' as const, key: attribute.name ?? String(attribute.position) }, range: sourceRange(attribute.trace) } : {})
        } satisfies DiagramLabel);
        width = Math.max(width, 2 * PAD + textWidth(text));
        y += ROW_HEIGHT;
    }
    for (const reference of node.references ?? []) {
        const text = `${reference.name} → ${reference.target}`;
        children.push({
            type: T.referenceLabel, id: `${id}:ref:${reference.name}`, text, position: { x: PAD, y },
            hover: `${reference.name}: ${reference.targetKind ?? 'unresolved'} ${reference.target}`,
            cssClasses: reference.targetKind ? [] : ['unresolved'],
            range: sourceRange(reference.targetTrace ?? reference.trace)
        } satisfies DiagramLabel);
        width = Math.max(width, 2 * PAD + textWidth(text));
        y += ROW_HEIGHT;
    }
    const columns = (names: readonly string[]) => names.reduce((sum, name) => sum + textWidth(name, 11) + PORT_GAP, PORT_GAP);
    width = snapWidth(Math.max(width, columns(inputs), columns(outputs), 96));
    const height = y + (outputs.length > 0 ? PORT_ROW : 0) + 2;
    const placePorts = (names: readonly string[], type: string, portY: number, labelY: number) => {
        // Evenly spread over the width, each port centred on its label.
        names.forEach((name, i) => {
            const center = ((i + 0.5) * width) / names.length;
            const portId = type === T.inputPort ? stepInputPortId(id, name) : stepOutputPortId(id, name);
            const labelWidth = textWidth(name, 11);
            children.push({
                type, id: portId, portName: name, position: { x: center - PORT_SIZE / 2, y: portY }, size: { width: PORT_SIZE, height: PORT_SIZE },
                hover: `${type === T.inputPort ? 'input' : 'output'} ${name}`,
                children: [portLabel(`${portId}:label`, name, PORT_SIZE / 2 - labelWidth / 2, labelY)]
            } satisfies DiagramPort);
        });
    };
    placePorts(inputs, T.inputPort, -PORT_SIZE / 2, PORT_SIZE + 1);
    placePorts(outputs, T.outputPort, height - PORT_SIZE / 2, -PORT_ROW + 1);
    if (diagnostics) {
        const marker = markerOf(id, width, diagnostics);
        marker.position = { x: width - MARKER_SIZE - 4, y: top };
        children.push(marker);
    }
    const status = source.statuses?.get(id);
    const kind = node.type === source.inputOperation ? 'input-step' : node.type === source.outputOperation ? 'output-step' : 'operation-step';
    return {
        type: T.step, id, modelId: id, position: { x: 0, y: 0 }, size: { width, height }, children, status,
        cssClasses: [kind, ...(status ? [`status-${status}`] : []),
            ...(diagnostics?.some(d => d.severity === 'error') ? ['has-error'] : diagnostics ? ['has-warning'] : [])],
        hover: `${unnamed ? node.type : `${node.name}: ${node.type}`}${status ? `\nstatus: ${status}` : ''}`,
        range: sourceRange(node.trace)
    };
}

function portLabel(id: string, text: string, x: number, y: number): DiagramLabel {
    return { type: T.portLabel, id, text, position: { x, y } };
}
