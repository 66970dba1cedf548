import { readFileSync } from 'node:fs';
import type { SModelElement } from 'sprotty-protocol';
import { describe, expect, test } from 'vitest';
import { generateModelDiagram } from '../../diagram/generator/model-diagram.js';
import { DeepForgeLayoutEngine } from '../../diagram/layout/layout-engine.js';
import { T, type DiagramEdge, type DiagramGraph, type DiagramLabel, type DiagramMarker, type DiagramNode } from '../../diagram/model/diagram-model.js';
import { buildCatalogue, catalogueServices, datasetsFolder } from '../languages/model/helpers.js';

/** The generic diagram of model graphs (data-only languages), from real `.dfcat` documents of the example extension. */

function all(root: SModelElement): SModelElement[] {
    const out: SModelElement[] = [];
    const visit = (e: SModelElement) => { out.push(e); e.children?.forEach(visit); };
    root.children?.forEach(visit);
    return out;
}
const byId = (root: SModelElement, id: string) => all(root).find(e => e.id === id);
const labels = (node: SModelElement | undefined) => (node?.children ?? []).filter(c => c.type.startsWith('label:')).map(c => (c as DiagramLabel).text);
const ports = (node: SModelElement | undefined) => (node?.children ?? []).filter(c => c.type.startsWith('port:')).map(c => c.id);

async function diagram(text: string, collapsed?: ReadonlySet<string>): Promise<DiagramGraph> {
    const document = await buildCatalogue(text);
    const lowered = catalogueServices().model.Lowering.lower(document);
    return generateModelDiagram({ uri: document.uri.toString(), graph: lowered.graph, metamodel: lowered.file.metamodel, diagnostics: lowered.diagnostics }, { collapsed });
}

const catalogue = readFileSync(`${datasetsFolder}catalogue.dfcat`, 'utf8');

describe('model diagrams', () => {
    test('a card per node: type, name, attributes as written, references; the type\'s ports; an edge per connection', async () => {
        const model = await diagram(catalogue);
        expect(model).toMatchObject({ type: T.graph, diagramKind: 'model', name: 'test', cssClasses: ['df-dfcat'] });
        const cards = all(model).filter(e => e.type === T.step) as DiagramNode[];
        expect(cards.map(n => n.id)).toEqual(['sklearn', 'digits', 'digits_train', 'digits_test', 'cifar_site', 'cifar10', 'cifar10_scaled']);
        expect(labels(byId(model, 'cifar10'))).toEqual([
            'Dataset', 'cifar10', 'description: "60,000 colour 32×32 images in…', 'source → cifar_site',
            'path: "data/cifar10.npz"', 'samples: 60000', 'classes: 10', '+2 more'
        ]);
        expect(labels(byId(model, 'digits_train'))).toEqual(['Split', 'digits_train', 'fraction: 0.8', 'seed: 0']);
        // Long values are cut (the card stays narrow); the row's hover has the whole text.
        expect((byId(model, 'cifar10:attr:description') as DiagramLabel).hover).toBe('description: "60,000 colour 32×32 images in 10 classes (examples/cifar10)"');
        expect(ports(byId(model, 'cifar10'))).toEqual(['cifar10:in:raw', 'cifar10:out:data']);
        expect(ports(byId(model, 'cifar10_scaled'))).toEqual(['cifar10_scaled:in:in', 'cifar10_scaled:out:out']);
        expect(ports(byId(model, 'digits_train'))).toEqual([]);
        expect((byId(model, 'cifar10') as DiagramNode).cssClasses).toEqual(['model-node', 'df-node-Dataset', 'df-node-Entry']);
        const edges = all(model).filter(e => e.type === T.artifact) as DiagramEdge[];
        expect(edges.map(e => [e.sourceId, e.targetId])).toEqual([
            ['cifar_site:out:files', 'cifar10:in:raw'],
            ['cifar10:out:data', 'cifar10_scaled:in:in']
        ]);
        // Edges point at the connection's text (its input end); attributes and references are rows in source order.
        expect(edges[0].range).toEqual({ start: { line: 43, character: 28 }, end: { line: 43, character: 39 } });
        expect(catalogue.split("\n")[43].substring(28, 39)).toBe("cifar10.raw");
        const reference = byId(model, 'cifar10:ref:source') as DiagramLabel;
        expect(reference).toMatchObject({ type: T.referenceLabel, hover: 'source: Source cifar_site' });
    });

    test('containment: a node holding others is a group with its own card and theirs', async () => {
        const model = await diagram(catalogue);
        const group = byId(model, 'group:digits') as DiagramNode;
        expect(group).toMatchObject({ type: T.group, expanded: true, modelId: 'digits' });
        expect(model.children.includes(group)).toBe(true);
        expect(group.children!.filter(c => c.type === T.step).map(c => c.id)).toEqual(['digits', 'digits_train', 'digits_test']);
        expect(labels(group)).toEqual(['digits: Dataset']);
        // Collapsed: the container's card alone, what it holds hidden.
        const collapsed = await diagram(catalogue, new Set(['group:digits']));
        expect(byId(collapsed, 'group:digits')).toBeUndefined();
        expect(byId(collapsed, 'digits_train')).toBeUndefined();
        expect((byId(collapsed, 'digits') as DiagramNode).cssClasses).toContain('collapsed-container');
    });

    test('a marker on each node with a diagnostic; the hover lists the messages', async () => {
        const model = await diagram(`Dataset d {\n    path: 3\n    classes: 1\n}\nTransform t { kind: "flatten" }\nconnect d.data -> t.in\nconnect d.data -> t.in\n`);
        const marker = byId(model, 'd:marker') as DiagramMarker;
        expect(marker).toMatchObject({ type: T.marker, severity: 'error' });
        expect(marker.hover).toBe('error: `path` expects string, got int `3`\nerror: `classes` must be in [2, 100000], got 1');
        expect((byId(model, 'd') as DiagramNode).cssClasses).toContain('has-error');
        // A connection's diagnostic sits on the node it goes into (the connection text is outside every node: no marker).
        expect(byId(model, 't:marker')).toBeUndefined();
        // An unknown type still gets a card, without ports.
        const unknown = await diagram('Datset x\n');
        expect((byId(unknown, 'x') as DiagramNode).cssClasses).toEqual(['model-node', 'df-node-Datset', 'unknown-type', 'has-error']);
    });

    test('ELK lays the generated model out: groups hold their cards, edges are routed', async () => {
        const engine = new DeepForgeLayoutEngine();
        try {
            const laid = await engine.layout(await diagram(catalogue), 'catalogue') as DiagramGraph;
            const group = byId(laid, 'group:digits') as DiagramNode;
            expect(group.size!.width).toBeGreaterThan(0);
            const cards = group.children!.filter(c => c.type === T.step) as DiagramNode[];
            for (const card of cards) {
                expect(card.position!.x + card.size!.width).toBeLessThanOrEqual(group.size!.width);
                expect(card.position!.y + card.size!.height).toBeLessThanOrEqual(group.size!.height);
            }
            const edges = all(laid).filter(e => e.type === T.artifact);
            expect(edges.every(e => ((e as { routingPoints?: unknown[] }).routingPoints?.length ?? 0) >= 2)).toBe(true);
        } finally {
            await engine.dispose();
        }
    });
});

describe('model diagrams are read-only', () => {
    test('no label offers an edit; labels keep their text range (click: reveal)', async () => {
        const model = await diagram(catalogue);
        const labels = all(model).filter(e => e.type.startsWith('label:')) as DiagramLabel[];
        expect(labels.filter(l => l.edit !== undefined)).toEqual([]);
        const line = catalogue.split('\n').indexOf('    path: "sklearn:load_digits"');
        expect((byId(model, 'digits:attr:path') as DiagramLabel).range).toEqual({ start: { line, character: 4 }, end: { line, character: 31 } });
    });
});
