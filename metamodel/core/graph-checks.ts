import { GraphIndex, type ModelGraph, type ModelNode } from './model-graph.js';

/**
 * Structural checks that hold for any model graph, whatever its domain: cycles and
 * unused nodes. They return findings; languages decide how to word and place them.
 */

/**
 * The cycles of a graph: its strongly connected components with more than one node, and
 * nodes connected to themselves. Each cycle lists its nodes in source order.
 * Linear in the size of the graph (Tarjan's algorithm, iterative so deep graphs do not
 * overflow the stack).
 */
export function findCycles(graph: ModelGraph, index: GraphIndex = new GraphIndex(graph)): ModelNode[][] {
    const order = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const components: string[][] = [];
    let counter = 0;
    const successors = (id: string) => index.outputsOf(id).map(c => c.to.node).filter(n => index.nodes.has(n));

    for (const root of graph.nodes) {
        if (order.has(root.id)) continue;
        const work: Array<{ id: string; next: string[]; i: number }> = [];
        const visit = (id: string) => {
            order.set(id, counter);
            low.set(id, counter);
            counter++;
            stack.push(id);
            onStack.add(id);
            work.push({ id, next: successors(id), i: 0 });
        };
        visit(root.id);
        while (work.length > 0) {
            const frame = work[work.length - 1];
            if (frame.i < frame.next.length) {
                const target = frame.next[frame.i++];
                if (!order.has(target)) visit(target);
                else if (onStack.has(target)) low.set(frame.id, Math.min(low.get(frame.id)!, order.get(target)!));
                continue;
            }
            work.pop();
            if (work.length > 0) {
                const parent = work[work.length - 1].id;
                low.set(parent, Math.min(low.get(parent)!, low.get(frame.id)!));
            }
            if (low.get(frame.id) === order.get(frame.id)) {
                const component: string[] = [];
                let member: string;
                do {
                    member = stack.pop()!;
                    onStack.delete(member);
                    component.push(member);
                } while (member !== frame.id);
                components.push(component);
            }
        }
    }

    const position = new Map(graph.nodes.map((node, i) => [node.id, i]));
    return components
        .filter(component => component.length > 1 || successors(component[0]).includes(component[0]))
        .map(component => component
            .sort((a, b) => position.get(a)! - position.get(b)!)
            .map(id => index.node(id)!))
        .sort((a, b) => position.get(a[0].id)! - position.get(b[0].id)!);
}

/** Options of {@link findUnused}. */
export interface UnusedOptions {
    /** Nodes never reported (e.g. declarations that are used by reference rather than by connection). */
    readonly exclude?: (node: ModelNode) => boolean;
}

/**
 * Nodes whose outputs feed nothing and that are not graph outputs, in source order:
 * work that has no effect on the result.
 */
export function findUnused(graph: ModelGraph, index: GraphIndex = new GraphIndex(graph), options: UnusedOptions = {}): ModelNode[] {
    const outputs = new Set(graph.outputs.map(end => end.node));
    return graph.nodes.filter(node =>
        !outputs.has(node.id)
        && index.outputsOf(node.id).length === 0
        && !(options.exclude?.(node) ?? false));
}

/** Nodes that feed nothing (the candidates for a graph's outputs when none are declared), in source order. */
export function findSinks(graph: ModelGraph, index: GraphIndex = new GraphIndex(graph), options: UnusedOptions = {}): ModelNode[] {
    return graph.nodes.filter(node => index.outputsOf(node.id).length === 0 && !(options.exclude?.(node) ?? false));
}
