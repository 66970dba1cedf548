import type { ElkExtendedEdge, ElkNode, ElkShape, LayoutOptions } from 'elkjs/lib/elk-api.js';
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
    /** While ELK runs for this structure: resolves with its layout (this memory holds the provisional one). */
    readonly refining?: Promise<LayoutMemory>;
}

/** A layout to show now, and, when it is provisional, the promise of ELK's. */
export interface ProgressiveLayout {
    readonly model: SGraph;
    /** ELK's layout of the same model (the same object, laid out again), when `model` is provisional. */
    readonly refined?: Promise<SGraph>;
}

/**
 * Sprotty's ELK transformation, in two halves: to ELK's graph, and ELK's result back onto the
 * model. ELK's graph holds what the layout depends on — sizes, port positions, edges — and not
 * the positions and routes of a previous layout (ELK would keep an edge's old bend points).
 */
export class DeepForgeElkTransformation extends ElkLayoutEngine {
    toElk(graph: SGraph, index: SModelIndex): ElkNode {
        return this.transformGraph(graph, index);
    }

    protected override transformEdge(edge: SEdge, index: SModelIndex): ElkExtendedEdge {
        const elkEdge = super.transformEdge(edge, index);
        delete elkEdge.sections;
        return elkEdge;
    }

    protected override transformShape(elkShape: ElkShape, shape: SShapeElement): void {
        super.transformShape(elkShape, shape);
        if (basicType(shape.type) === 'node') {
            delete elkShape.x;
            delete elkShape.y;
        }
    }

    fromElk(result: ElkNode, index: SModelIndex): void {
        this.applyLayout(result, index);
    }
}

/** Lets the event loop turn (a timer, an LSP message) between two long steps of a layout. */
const yieldToEventLoop = () => new Promise<void>(resolve => setImmediate(resolve));

/**
 * The layout engine of the diagram server: sprotty-elk's transformation with ELK in a worker
 * thread, plus **stability**: the last layout is remembered per diagram, and a model with the
 * same structure — the same elements with the same sizes — takes the remembered positions
 * without running ELK again. Node widths snap to a grid (see `snapWidth`), so editing an
 * argument's value mostly keeps the structure and nothing moves; when the structure changes, ELK
 * runs again with the nodes in model order (source order), which keeps the rest of the drawing
 * where it was as far as the layering allows.
 *
 * **Progressive** ({@link layoutProgressively}): when the structure changed, the remembered
 * layout is kept for what is still there and new nodes are placed beside their neighbours at once
 * (a provisional layout, shown while ELK runs); ELK's layout follows. Layouts of the same diagram
 * and structure share one ELK run.
 *
 * The language server's event loop does only the transformations (to ELK's graph and back), in
 * steps with turns of the loop between them; ELK's graph crosses to the worker as a string.
 */
export class DeepForgeLayoutEngine implements IModelLayoutEngine {
    // `layout(model, key)`: the key is a diagram's name, not Sprotty's index.
    readonly elk: WorkerElk;
    protected readonly transformation: DeepForgeElkTransformation;
    protected readonly memory = new Map<string, LayoutMemory>();
    /** Layouts computed by ELK (not reused), for tests and the benchmark. */
    elkRuns = 0;

    constructor(elk: WorkerElk = new WorkerElk()) {
        this.elk = elk;
        this.transformation = new DeepForgeElkTransformation(() => elk, new DeepForgeElementFilter(), new DeepForgeLayoutConfigurator());
    }

    /** Lays out a model in place (and returns it) with ELK's layout; `key` names the diagram whose last layout may be reused. */
    async layout(graph: SGraph, key?: string | SModelIndex): Promise<SGraph> {
        const { model, refined } = await this.layoutProgressively(graph, typeof key === 'string' ? key : undefined);
        return refined ? await refined : model;
    }

    /**
     * Lays out a model in place: the remembered layout when the structure is the same, a
     * provisional one (remembered positions, new nodes beside their neighbours) plus ELK's to
     * follow when it changed, ELK's at once for a diagram laid out for the first time.
     */
    async layoutProgressively(graph: SGraph, key?: string): Promise<ProgressiveLayout> {
        const signature = structureSignature(graph);
        const remembered = key !== undefined ? this.memory.get(key) : undefined;
        if (remembered && remembered.signature === signature) {
            const refining = remembered.refining;
            if (refining && remembered.shapes.size === 0) {
                // The first layout of this diagram is under way: share it.
                applyMemory(graph, await refining);
                return { model: graph };
            }
            applyMemory(graph, remembered);
            return refining ? { model: graph, refined: refining.then(final => { applyMemory(graph, final); return graph; }) } : { model: graph };
        }
        if (key === undefined) return { model: await this.runElk(graph, await this.elkGraph(graph)) };
        // The provisional layout and the memory now, so that a layout of the same structure asked for meanwhile shares this
        // ELK run (ELK's graph leaves the provisional positions and routes out).
        if (remembered) placeIncrementally(graph, remembered);
        const refining: Promise<LayoutMemory> = this.elkGraph(graph).then(json => this.runElk(graph, json)).then(final => {
            const memory: LayoutMemory = { signature, ...remember(final) };
            if (this.memory.get(key)?.refining === refining) this.memory.set(key, memory);
            return memory;
        }, error => {
            if (this.memory.get(key)?.refining === refining) this.memory.delete(key);
            throw error;
        });
        refining.catch(() => undefined); // the callers get the failure (a diagram closed meanwhile has none)
        const provisional = remembered ? remember(graph) : { shapes: new Map(), routes: new Map() };
        this.memory.set(key, { signature, ...provisional, refining });
        if (!remembered) {
            await refining;
            return { model: graph };
        }
        return { model: graph, refined: refining.then(() => graph) };
    }

    /** ELK's graph of a model, as JSON (in steps: the event loop turns in between). */
    protected async elkGraph(graph: SGraph): Promise<string> {
        await yieldToEventLoop();
        const index = new SModelIndex();
        index.add(graph);
        await yieldToEventLoop();
        const elkGraph = this.transformation.toElk(graph, index);
        await yieldToEventLoop();
        return JSON.stringify(elkGraph);
    }

    /** Runs ELK on the model's ELK graph and applies its result to the model. */
    protected async runElk(graph: SGraph, elkGraph: string): Promise<SGraph> {
        this.elkRuns++;
        const json = await this.elk.layoutJson(elkGraph);
        await yieldToEventLoop();
        const result = JSON.parse(json) as ElkNode;
        await yieldToEventLoop();
        const index = new SModelIndex();
        index.add(graph);
        await yieldToEventLoop();
        this.transformation.fromElk(result, index);
        await yieldToEventLoop();
        placeEdgeLabels(graph);
        return graph;
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

/** Spacing of the provisional layout (ELK's node spacing and layer spacing). */
const SPACING = { node: 30, layer: 40, padding: 20 };

/**
 * The provisional layout of a changed structure, from the last layout: nodes that were there
 * keep their positions; a new node goes below the node feeding it (or below everything in its
 * container), moved right until it overlaps nothing; a group grows around its contents; edges
 * between unmoved ports keep their routes, the others go straight down with two bends.
 */
export function placeIncrementally(graph: SGraph, memory: Pick<LayoutMemory, 'shapes' | 'routes'>): void {
    const parents = new Map<string, SModelElement>();
    const byId = new Map<string, SModelElement>();
    const index = (element: SModelElement) => {
        byId.set(element.id, element);
        for (const child of element.children ?? []) {
            parents.set(child.id, element);
            index(child);
        }
    };
    index(graph);
    const fresh = new Set<string>();
    // Known elements first (their positions are the frame for the new ones), containers before their contents.
    const place = (container: SModelElement) => {
        const nodes = (container.children ?? []).filter(c => basicType(c.type) === 'node') as SShapeElement[];
        for (const node of nodes) {
            const known = memory.shapes.get(node.id);
            if (known?.position) node.position = { ...known.position };
            else fresh.add(node.id);
            for (const child of node.children ?? []) {
                const basic = basicType(child.type);
                const shape = child as SShapeElement;
                if (basic === 'port' && !shape.position) shape.position = memory.shapes.get(child.id)?.position ?? { x: 0, y: 0 };
            }
        }
        for (const node of nodes) place(node);
        const placed = nodes.filter(n => !fresh.has(n.id));
        for (const node of nodes) {
            if (!fresh.has(node.id)) continue;
            node.position = freeSpot(node, container, placed, byId, parents);
            placed.push(node);
        }
        // A group holds its contents (a new layer inside grows it).
        if (basicType(container.type) === 'node' && placed.length > 0) {
            const shape = container as SShapeElement;
            const right = Math.max(...placed.map(n => n.position!.x + (n.size?.width ?? 0))) + 12;
            const bottom = Math.max(...placed.map(n => n.position!.y + (n.size?.height ?? 0))) + 12;
            shape.size = { width: Math.max(shape.size?.width ?? 0, right), height: Math.max(shape.size?.height ?? 0, bottom) };
        }
    };
    place(graph);
    const origin = (element: SModelElement | undefined): Point => {
        let x = 0;
        let y = 0;
        for (let e = element; e && e !== graph; e = parents.get(e.id)) {
            const position = (e as SShapeElement).position;
            x += position?.x ?? 0;
            y += position?.y ?? 0;
        }
        return { x, y };
    };
    const moved = (portId: string): boolean => {
        for (let e: SModelElement | undefined = byId.get(portId); e && e !== graph; e = parents.get(e.id)) {
            if (fresh.has(e.id)) return true;
            const known = memory.shapes.get(e.id)?.position;
            const position = (e as SShapeElement).position;
            if (!known || known.x !== position?.x || known.y !== position?.y) return true;
        }
        return false;
    };
    const route = (element: SModelElement) => {
        if (basicType(element.type) === 'edge') {
            const edge = element as SEdge;
            const known = memory.routes.get(edge.id);
            if (known && !moved(edge.sourceId) && !moved(edge.targetId)) {
                edge.routingPoints = known.map(p => ({ ...p }));
            } else {
                const frame = origin(parents.get(edge.id));
                const end = (id: string, bottom: boolean): Point => {
                    const port = byId.get(id) as SShapeElement | undefined;
                    const at = origin(port);
                    return { x: at.x - frame.x + (port?.size?.width ?? 0) / 2, y: at.y - frame.y + (bottom ? port?.size?.height ?? 0 : 0) };
                };
                const from = end(edge.sourceId, true);
                const to = end(edge.targetId, false);
                const middle = (from.y + to.y) / 2;
                edge.routingPoints = from.x === to.x ? [from, to] : [from, { x: from.x, y: middle }, { x: to.x, y: middle }, to];
            }
        }
        for (const child of element.children ?? []) route(child);
    };
    route(graph);
    placeEdgeLabels(graph);
}

/** Where a new node goes: below the node feeding it (or below its container's nodes), right of anything in the way. */
function freeSpot(node: SShapeElement, container: SModelElement, placed: readonly SShapeElement[],
    byId: ReadonlyMap<string, SModelElement>, parents: ReadonlyMap<string, SModelElement>): Point {
    const width = node.size?.width ?? 0;
    const height = node.size?.height ?? 0;
    // The node in this container that an edge into one of the new node's ports comes from.
    const ports = new Set((node.children ?? []).map(c => c.id));
    let feeding: SShapeElement | undefined;
    for (const element of container.children ?? []) {
        const edge = element as SEdge;
        if (basicType(element.type) !== 'edge' || !ports.has(edge.targetId)) continue;
        for (let e = byId.get(edge.sourceId); e && e !== container; e = parents.get(e.id)) {
            if (parents.get(e.id) === container && placed.includes(e as SShapeElement)) feeding = e as SShapeElement;
        }
        if (feeding) break;
    }
    let x = feeding?.position?.x ?? SPACING.padding;
    const y = feeding
        ? feeding.position!.y + (feeding.size?.height ?? 0) + SPACING.layer
        : placed.reduce((bottom, n) => Math.max(bottom, n.position!.y + (n.size?.height ?? 0) + SPACING.layer), SPACING.padding);
    for (let moved = true; moved;) {
        moved = false;
        for (const other of placed) {
            const o = other.position!;
            const ow = other.size?.width ?? 0;
            const oh = other.size?.height ?? 0;
            if (x < o.x + ow + SPACING.node && o.x < x + width + SPACING.node && y < o.y + oh + SPACING.node && o.y < y + height + SPACING.node) {
                x = o.x + ow + SPACING.node;
                moved = true;
            }
        }
    }
    return { x, y };
}
