import type { LayoutOptions } from 'elkjs/lib/elk-api.js';
import { ElkLayoutEngine, DefaultElementFilter, DefaultLayoutConfigurator } from 'sprotty-elk/lib/elk-layout.js';
import type { IModelLayoutEngine } from 'sprotty-protocol/lib/diagram-services.js';
import type { Point, SEdge, SGraph, SLabel, SModelElement, SNode, SPort, SShapeElement } from 'sprotty-protocol';
import { SModelIndex } from 'sprotty-protocol/lib/utils/model-utils.js';
import { basicType, T } from '../model/diagram-model.js';
import { WorkerElk } from './worker-elk.js';

/**
 * ELK options: layered, top to bottom, ports where the generator put them (inputs on top,
 * outputs at the bottom), nodes kept in source order where the layering allows (so that an edit
 * moves little), block groups laid out with their contents in one pass.
 */
export class DeepForgeLayoutConfigurator extends DefaultLayoutConfigurator {
    protected override graphOptions(): LayoutOptions {
        return {
            'org.eclipse.elk.algorithm': 'org.eclipse.elk.layered',
            'org.eclipse.elk.direction': 'DOWN',
            'org.eclipse.elk.hierarchyHandling': 'INCLUDE_CHILDREN',
            'org.eclipse.elk.edgeRouting': 'ORTHOGONAL',
            'org.eclipse.elk.spacing.nodeNode': '30',
            'org.eclipse.elk.layered.spacing.nodeNodeBetweenLayers': '40',
            'org.eclipse.elk.layered.spacing.edgeNodeBetweenLayers': '16',
            'org.eclipse.elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
            'org.eclipse.elk.layered.crossingMinimization.forceNodeModelOrder': 'false',
            'org.eclipse.elk.padding': '[top=20,left=20,bottom=20,right=20]'
        };
    }

    protected override nodeOptions(node: SNode): LayoutOptions {
        const options: LayoutOptions = { 'org.eclipse.elk.portConstraints': 'FIXED_POS' };
        if (node.type === T.group && (node as { expanded?: boolean }).expanded) {
            options['org.eclipse.elk.nodeSize.constraints'] = 'MINIMUM_SIZE';
            options['org.eclipse.elk.nodeSize.minimum'] = `(${Math.max(120, node.size?.width ?? 0)}, 40)`;
        }
        return { ...options, ...(node.layoutOptions as LayoutOptions | undefined) };
    }

    protected override portOptions(port: SPort): LayoutOptions {
        return { 'org.eclipse.elk.port.side': port.type === T.inputPort ? 'NORTH' : 'SOUTH', 'org.eclipse.elk.port.borderOffset': '-4' };
    }

}

/**
 * Labels are not ELK's: the generator places those of nodes and ports, and an edge's label goes
 * beside the edge's first segment, just below its source (see {@link placeEdgeLabels}) — ELK's
 * edge labels are dummy nodes that double the work on large networks.
 */
export class DeepForgeElementFilter extends DefaultElementFilter {
    protected override filterLabel(_label: SLabel, _index: SModelIndex): boolean {
        return false;
    }
}

/** Puts each edge label beside its edge, just below where the edge leaves its source. */
export function placeEdgeLabels(element: SModelElement): void {
    if (basicType(element.type) === 'edge') {
        const points = (element as SEdge).routingPoints ?? [];
        const label = element.children?.find(c => basicType(c.type) === 'label') as SLabel | undefined;
        if (label && points.length > 0) label.position = { x: points[0].x + 5, y: points[0].y + 3 };
    }
    for (const child of element.children ?? []) placeEdgeLabels(child);
}

/** The layout of one diagram: shapes and edge routes by element id. */
interface LayoutMemory {
    readonly signature: string;
    readonly shapes: Map<string, { position?: Point; size?: { width: number; height: number } }>;
    readonly routes: Map<string, Point[]>;
}

/**
 * The layout engine of the diagram server: sprotty-elk's transformation with ELK in a worker
 * thread, plus **stability**: the last layout is remembered per diagram, and a model with the
 * same structure — the same elements with the same sizes — takes the remembered positions
 * without running ELK again. Node widths snap to a grid (see `snapWidth`), so editing an
 * argument's value mostly keeps the structure and nothing moves; when the structure changes, ELK
 * runs again with the nodes in model order (source order), which keeps the rest of the drawing
 * where it was as far as the layering allows.
 */
export class DeepForgeLayoutEngine implements IModelLayoutEngine {
    // `layout(model, key)`: the key is a diagram's name, not Sprotty's index.
    readonly elk: WorkerElk;
    protected readonly engine: ElkLayoutEngine;
    protected readonly memory = new Map<string, LayoutMemory>();
    /** Layouts computed by ELK (not reused), for tests and the benchmark. */
    elkRuns = 0;

    constructor(elk: WorkerElk = new WorkerElk()) {
        this.elk = elk;
        this.engine = new ElkLayoutEngine(() => elk, new DeepForgeElementFilter(), new DeepForgeLayoutConfigurator());
    }

    /** Lays out a model in place (and returns it); `key` names the diagram whose last layout may be reused. */
    async layout(graph: SGraph, key?: string | SModelIndex): Promise<SGraph> {
        if (typeof key !== 'string') key = undefined;
        const signature = structureSignature(graph);
        const remembered = key !== undefined ? this.memory.get(key) : undefined;
        if (remembered && remembered.signature === signature) {
            applyMemory(graph, remembered);
            return graph;
        }
        this.elkRuns++;
        const laidOut = await this.engine.layout(graph) as SGraph;
        placeEdgeLabels(laidOut);
        if (key !== undefined) this.memory.set(key, { signature, ...remember(laidOut) });
        return laidOut;
    }

    /** Forgets the layout of a diagram (closed). */
    forget(key: string): void {
        this.memory.delete(key);
    }

    dispose(): Promise<void> {
        return this.elk.dispose();
    }
}

/** The elements, their nesting, sizes and connections — what the layout depends on. */
export function structureSignature(graph: SModelElement): string {
    const parts: string[] = [];
    const visit = (element: SModelElement, depth: number) => {
        const basic = basicType(element.type);
        if (basic === 'node' || basic === 'port') {
            const shape = element as SShapeElement;
            const position = basic === 'port' ? `@${shape.position?.x},${shape.position?.y}` : '';
            parts.push(`${depth}${basic[0]}${element.id}:${shape.size?.width}x${shape.size?.height}${position}`);
        } else if (basic === 'edge') {
            const edge = element as SEdge;
            const label = edge.children?.find(c => basicType(c.type) === 'label') as SLabel | undefined;
            parts.push(`${depth}e${edge.sourceId}>${edge.targetId}:${label?.size?.width ?? ''}`);
        }
        for (const child of element.children ?? []) visit(child, depth + 1);
    };
    visit(graph, 0);
    return parts.join('|');
}

function remember(graph: SGraph): Omit<LayoutMemory, 'signature'> {
    const shapes = new Map<string, { position?: Point; size?: { width: number; height: number } }>();
    const routes = new Map<string, Point[]>();
    const visit = (element: SModelElement) => {
        const basic = basicType(element.type);
        if (basic === 'edge') routes.set(element.id, ((element as SEdge).routingPoints ?? []).map(p => ({ x: p.x, y: p.y })));
        if (basic === 'node' || basic === 'port' || (basic === 'label')) {
            const shape = element as SShapeElement;
            shapes.set(element.id, { position: shape.position && { ...shape.position }, size: shape.size && { ...shape.size } });
        }
        for (const child of element.children ?? []) visit(child);
    };
    visit(graph);
    return { shapes, routes };
}

function applyMemory(graph: SGraph, memory: LayoutMemory): void {
    const visit = (element: SModelElement, parentBasic: string) => {
        const basic = basicType(element.type);
        if (basic === 'edge') {
            const route = memory.routes.get(element.id);
            if (route) (element as SEdge).routingPoints = route.map(p => ({ ...p }));
        } else if (basic === 'node' || basic === 'port' || (basic === 'label' && parentBasic === 'edge')) {
            const remembered = memory.shapes.get(element.id);
            const shape = element as SShapeElement;
            if (remembered?.position) shape.position = { ...remembered.position };
            if (remembered?.size && basic === 'node') shape.size = { ...remembered.size };
        }
        for (const child of element.children ?? []) visit(child, basic);
    };
    visit(graph, '');
}
