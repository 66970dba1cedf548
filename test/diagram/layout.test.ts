import { describe, expect, test } from 'vitest';
import type { SModelElement } from 'sprotty-protocol';
import { DeepForgeLayoutEngine } from '../../diagram/layout/layout-engine.js';
import { T, type DiagramGraph, type DiagramNode } from '../../diagram/model/diagram-model.js';
import { diagramOf } from '../server/diagram/helpers.js';

/** ELK layered, top to bottom, in a worker thread; positions stable under small edits. */

function positions(model: SModelElement): Map<string, string> {
    const out = new Map<string, string>();
    const visit = (e: SModelElement) => {
        const node = e as DiagramNode;
        if (e.type === T.layer || e.type === T.step || e.type === T.group) out.set(e.id, `${node.position?.x},${node.position?.y},${node.size?.width}x${node.size?.height}`);
        e.children?.forEach(visit);
    };
    visit(model);
    return out;
}

const chain = (units: number, extra = '') => `network Chain {
    x  = Input(shape=(16,))
    d1 = Dense(${units}, activation="relu")(x)
    d2 = Dense(32)(d1)
    b  = Dense(8)(d1)
    m  = Add()(d2, d2)
    o  = Concatenate()(m, b)${extra}
}
`;

describe('layout', () => {
    test('top to bottom: every layer below the layers it takes inputs from; no overlaps', async () => {
        const engine = new DeepForgeLayoutEngine();
        try {
            const { model } = await diagramOf({ 'c.dfnn': chain(64) }, 'c.dfnn');
            const laid = await engine.layout(model, 'c') as DiagramGraph;
            const nodes = laid.children.filter(c => c.type === T.layer) as DiagramNode[];
            const at = new Map(nodes.map(n => [n.id, n]));
            const below = (a: string, b: string) => at.get(a)!.position!.y > at.get(b)!.position!.y + at.get(b)!.size!.height;
            expect(below('d1', 'x') && below('d2', 'd1') && below('m', 'd2') && below('o', 'm') && below('o', 'b')).toBe(true);
            for (const a of nodes) for (const b of nodes) {
                if (a === b) continue;
                const overlap = a.position!.x < b.position!.x + b.size!.width && b.position!.x < a.position!.x + a.size!.width
                    && a.position!.y < b.position!.y + b.size!.height && b.position!.y < a.position!.y + a.size!.height;
                expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
            }
            // Edges are routed (ELK's start, bends and end points).
            expect(laid.children.filter(c => c.type === T.tensor).every(e => ((e as { routingPoints?: unknown[] }).routingPoints?.length ?? 0) >= 2)).toBe(true);
        } finally {
            await engine.dispose();
        }
    });

    test('stable: changing an argument moves nothing (the remembered layout is reused, ELK does not run)', async () => {
        const engine = new DeepForgeLayoutEngine();
        try {
            const before = positions(await engine.layout((await diagramOf({ 'c.dfnn': chain(64) }, 'c.dfnn')).model, 'key'));
            expect(engine.elkRuns).toBe(1);
            const after = positions(await engine.layout((await diagramOf({ 'c.dfnn': chain(128) }, 'c.dfnn')).model, 'key'));
            expect(after).toEqual(before);
            expect(engine.elkRuns).toBe(1);
            // A new layer is a new structure: laid out again, the existing layers keep their order and layers.
            const grown = positions(await engine.layout((await diagramOf({ 'c.dfnn': chain(128, '\n    p  = Dense(1)(o)') }, 'c.dfnn')).model, 'key'));
            expect(engine.elkRuns).toBe(2);
            expect(grown.size).toBe(before.size + 1);
            for (const id of ['x', 'd1', 'd2', 'm', 'o']) expect(grown.get(id)!.split(',')[1]).toBe(before.get(id)!.split(',')[1]);
        } finally {
            await engine.dispose();
        }
    });

    test('progressive: a new layer is shown at once beside its input, everything else where it was; ELK\'s layout follows', async () => {
        const engine = new DeepForgeLayoutEngine();
        try {
            const before = positions(await engine.layout((await diagramOf({ 'c.dfnn': chain(64) }, 'c.dfnn')).model, 'key'));
            const grownModel = (await diagramOf({ 'c.dfnn': chain(64, '\n    p  = Dense(1)(d1)') }, 'c.dfnn')).model;
            const { model, refined } = await engine.layoutProgressively(grownModel, 'key');
            expect(refined).toBeDefined();
            const provisional = positions(model);
            for (const [id, at] of before) expect(provisional.get(id), id).toBe(at);
            const box = (at: string) => { const [x, y, size] = at.split(','); const [w, h] = size.split('x'); return { x: +x, y: +y, w: +w, h: +h }; };
            const p = box(provisional.get('p')!);
            const d1 = box(provisional.get('d1')!);
            expect(p.y).toBeGreaterThan(d1.y + d1.h);
            for (const [id, at] of provisional) {
                if (id === 'p') continue;
                const o = box(at);
                expect(p.x < o.x + o.w && o.x < p.x + p.w && p.y < o.y + o.h && o.y < p.y + p.h, `p overlaps ${id}`).toBe(false);
            }
            // The new edge is routed from d1's output down to p's input.
            const edge = (model.children.find(c => c.type === T.tensor && (c as { targetId: string }).targetId === 'p:in') as { routingPoints: Array<{ x: number; y: number }> });
            expect(edge.routingPoints.at(0)!.y).toBe(d1.y + d1.h + 4);
            expect(edge.routingPoints.at(-1)!.y).toBe(p.y - 4);
            // A model of the same structure asked for meanwhile shares ELK's run.
            const again = await engine.layoutProgressively((await diagramOf({ 'c.dfnn': chain(65, '\n    p  = Dense(1)(d1)') }, 'c.dfnn')).model, 'key');
            expect(positions(again.model)).toEqual(provisional);
            const [final, sharedFinal] = await Promise.all([refined!, again.refined!]);
            expect(engine.elkRuns).toBe(2);
            expect(positions(sharedFinal)).toEqual(positions(final));
            expect(positions(final).size).toBe(before.size + 1);
            // ELK's routes, not the provisional ones: each edge starts below its source port and ends above its target port.
            const ports = new Map<string, { x: number; y: number }>();
            for (const node of final.children.filter(c => c.type === T.layer) as DiagramNode[]) {
                for (const port of (node.children ?? []).filter(c => c.type === T.inputPort || c.type === T.outputPort) as DiagramNode[]) {
                    ports.set(port.id, { x: node.position!.x + port.position!.x + port.size!.width / 2, y: node.position!.y + port.position!.y + (port.type === T.outputPort ? port.size!.height : 0) });
                }
            }
            for (const edge of final.children.filter(c => c.type === T.tensor) as Array<{ id: string; sourceId: string; targetId: string; routingPoints: Array<{ x: number; y: number }> }>) {
                expect(edge.routingPoints.at(0), edge.id).toEqual(ports.get(edge.sourceId));
                expect(edge.routingPoints.at(-1), edge.id).toEqual(ports.get(edge.targetId));
                for (let i = 1; i < edge.routingPoints.length; i++) {
                    const [a, b] = [edge.routingPoints[i - 1], edge.routingPoints[i]];
                    expect(a.x === b.x || a.y === b.y, `${edge.id}: orthogonal segments`).toBe(true);
                }
            }
            // Then the structure is known: ELK's layout, at once.
            const third = await engine.layoutProgressively((await diagramOf({ 'c.dfnn': chain(66, '\n    p  = Dense(1)(d1)') }, 'c.dfnn')).model, 'key');
            expect(third.refined).toBeUndefined();
            expect(positions(third.model)).toEqual(positions(final));
            expect(engine.elkRuns).toBe(2);
        } finally {
            await engine.dispose();
        }
    });

    test('ELK runs in a worker thread: the event loop keeps turning during a large layout', async () => {
        const lines = ['network Big {', '    l0 = Input(shape=(8,))'];
        for (let i = 1; i < 400; i++) lines.push(`    l${i} = Dense(8)(l${Math.max(0, i - 1 - (i % 3))})`);
        lines.push('}');
        const { model } = await diagramOf({ 'big.dfnn': lines.join('\n') }, 'big.dfnn');
        const engine = new DeepForgeLayoutEngine();
        try {
            let last = performance.now();
            let stall = 0;
            const timer = setInterval(() => {
                const now = performance.now();
                stall = Math.max(stall, now - last);
                last = now;
            }, 5);
            const started = performance.now();
            await engine.layout(model);
            const elapsed = performance.now() - started;
            clearInterval(timer);
            // The transformation to and from ELK's graph runs here; ELK itself does not.
            expect(stall).toBeLessThan(Math.max(100, elapsed / 3));
        } finally {
            await engine.dispose();
        }
    });
});
