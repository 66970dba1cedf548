import { describe, expect, test } from 'vitest';
import type { SModelElement } from 'sprotty-protocol';
import { T, type DiagramEdge, type DiagramLabel, type DiagramMarker, type DiagramNode, type DiagramPort } from '../../diagram/model/diagram-model.js';
import { diagramOf } from '../server/diagram/helpers.js';

/** Unit tests of the diagram generator: model graph (with analysis and diagnostics) → Sprotty model. */

function all(root: SModelElement): SModelElement[] {
    const out: SModelElement[] = [];
    const visit = (e: SModelElement) => { out.push(e); e.children?.forEach(visit); };
    root.children?.forEach(visit);
    return out;
}
const byId = (root: SModelElement, id: string) => all(root).find(e => e.id === id);
const labels = (node: SModelElement | undefined) => (node?.children ?? []).filter(c => c.type.startsWith('label:')).map(c => (c as DiagramLabel).text);

const CNN = `network Small {
    image  = Input(shape=(8, 8, 1))
    conv   = Conv2D(16, (3, 3), padding="same", activation="relu", use_bias=True)(image)
    flat   = Flatten()(conv)
    probs  = Dense(10, activation="softmax")(flat)
}
`;

describe('network diagrams', () => {
    test('a node per layer with its type, name and key arguments; ports; edges labelled with shapes', async () => {
        const { model } = await diagramOf({ 'cnn.dfnn': CNN }, 'cnn.dfnn');
        expect(model).toMatchObject({ type: T.graph, diagramKind: 'network', name: 'Small' });
        const nodes = all(model).filter(e => e.type === T.layer) as DiagramNode[];
        expect(nodes.map(n => n.id)).toEqual(['image', 'conv', 'flat', 'probs']);
        expect(labels(byId(model, 'conv'))).toEqual(['Conv2D', 'conv', 'filters=16', 'kernel_size=(3, 3)', 'padding="same"', 'activation="relu"', '+1 more']);
        expect(byId(model, 'conv')!.children!.filter(c => c.type === T.inputPort || c.type === T.outputPort).map(c => c.id)).toEqual(['conv:in', 'conv:out']);
        // Inputs have no input port.
        expect(byId(model, 'image')!.children!.some(c => c.type === T.inputPort)).toBe(false);
        const edges = all(model).filter(e => e.type === T.tensor) as DiagramEdge[];
        expect(edges.map(e => [e.sourceId, e.targetId, labels(e)[0]])).toEqual([
            ['image:out', 'conv:in', '(None, 8, 8, 1)'],
            ['conv:out', 'flat:in', '(None, 8, 8, 16)'],
            ['flat:out', 'probs:in', '(None, 1024)']
        ]);
        // Hover: the full shape and the parameter count of the layer it comes from.
        expect(edges[1].hover).toContain('shape (None, 8, 8, 16)');
        expect(edges[1].hover).toContain('160 parameters in conv');
        expect((byId(model, 'probs') as DiagramNode).hover).toContain('10,250 parameters');
        // Sizes are set (server layout), positions come from ELK later.
        for (const node of nodes) expect(node.size!.width).toBeGreaterThan(0);
        // Editable labels say what they change and where.
        const units = byId(model, 'probs:arg:0') as DiagramLabel;
        expect(units.edit).toEqual({ kind: 'argument', key: '0' });
        expect(units.range).toEqual({ start: { line: 4, character: 19 }, end: { line: 4, character: 21 } });
    });

    test('a layer with several outputs has one port per output, indexed', async () => {
        const { model } = await diagramOf({ 'seq.dfnn': `network Seq {
    tokens  = Input(shape=(20,))
    embed   = Embedding(1000, 32)(tokens)
    lstm    = LSTM(64, return_state=True)(embed)
    summary = Concatenate()(lstm[0], lstm[2])
}
` }, 'seq.dfnn');
        const ports = byId(model, 'lstm')!.children!.filter(c => c.type === T.outputPort) as DiagramPort[];
        expect(ports.map(p => [p.id, p.outputIndex, labels(p)[0]])).toEqual([['lstm:out[0]', 0, '[0]'], ['lstm:out[1]', 1, '[1]'], ['lstm:out[2]', 2, '[2]']]);
        const edges = all(model).filter(e => e.type === T.tensor) as DiagramEdge[];
        expect(edges.filter(e => e.targetId === 'summary:in').map(e => [e.sourceId, labels(e)[0]])).toEqual([['lstm:out[0]', '(None, 64)'], ['lstm:out[2]', '(None, 64)']]);
    });

    const BLOCKS = `block ConvBlock(filters: int) {
    inputs x
    a    = Conv2D(filters, (3, 3), padding="same")(x)
    pool = MaxPooling2D((2, 2))(a)
    outputs pool
}

network Encoder {
    image = Input(shape=(32, 32, 3))
    b1    = ConvBlock(filters=16)(image)
    flat  = Flatten()(b1)
}
`;

    test('block calls are groups of their layers; collapsed, a single node with the edges redirected', async () => {
        const { model } = await diagramOf({ 'enc.dfnn': BLOCKS }, 'enc.dfnn', 'Encoder');
        const group = byId(model, 'group:b1') as DiagramNode;
        expect(group).toMatchObject({ type: T.group, expanded: true });
        expect(labels(group)).toEqual(['b1: ConvBlock']);
        expect(group.children!.filter(c => c.type === T.layer).map(c => c.id)).toEqual(['b1_a', 'b1_pool']);
        // The edge inside the block lives in the group; the edges across its border at the top.
        expect(group.children!.filter(c => c.type === T.tensor).map(c => (c as DiagramEdge).sourceId)).toEqual(['b1_a:out']);
        expect(model.children.filter(c => c.type === T.tensor).map(c => [(c as DiagramEdge).sourceId, (c as DiagramEdge).targetId]))
            .toEqual([['image:out', 'b1_a:in'], ['b1_pool:out', 'flat:in']]);

        const collapsed = (await diagramOf({ 'enc.dfnn': BLOCKS }, 'enc.dfnn', 'Encoder', ['group:b1'])).model;
        const node = byId(collapsed, 'group:b1') as DiagramNode;
        expect(node).toMatchObject({ expanded: false, size: { width: expect.any(Number) } });
        expect(all(collapsed).some(e => e.id === 'b1_a')).toBe(false);
        expect(collapsed.children.filter(c => c.type === T.tensor).map(c => [(c as DiagramEdge).sourceId, (c as DiagramEdge).targetId, labels(c)[0]]))
            .toEqual([['image:out', 'group:b1:in', '(None, 32, 32, 3)'], ['group:b1:out', 'flat:in', '(None, 16, 16, 16)']]);
    });

    test('a marker on every layer with a diagnostic, the message as its hover', async () => {
        const { model } = await diagramOf({ 'bad.dfnn': CNN.replace('padding="same"', 'padding="sme"') }, 'bad.dfnn');
        const conv = byId(model, 'conv') as DiagramNode;
        expect(conv.cssClasses).toContain('has-error');
        const marker = conv.children!.find(c => c.type === T.marker) as DiagramMarker;
        expect(marker).toMatchObject({ severity: 'error' });
        expect(marker.hover).toBe('error: `padding` expects "valid" or "same", got "sme" — did you mean "same"?');
        expect(all(model).filter(e => e.type === T.marker)).toHaveLength(1);
    });
});

const PIPELINE = `operation Load {
    outputs images, labels
}

operation Train {
    attributes { epochs: int = 10 }
    references { architecture: network }
    inputs images, labels
    outputs model
}

pipeline P {
    data    = Load()
    trained = Train(architecture=Net, epochs=3)(images=data.images, labels=data.labels)
    Output(save_name="m")(trained.model)
}
`;
const NET = 'network Net {\n    x = Input(shape=(4,))\n    y = Dense(2)(x)\n}\n';

describe('pipeline diagrams', () => {
    test('a node per step: named input ports on top, outputs at the bottom, attributes, references; Input/Output apart', async () => {
        const { model } = await diagramOf({ 'net.dfnn': NET, 'p.dfp': `import "net.dfnn"\n${PIPELINE}` }, 'p.dfp');
        expect(model).toMatchObject({ diagramKind: 'pipeline', name: 'P' });
        const trained = byId(model, 'trained') as DiagramNode;
        expect(labels(trained)).toEqual(['Train', 'trained', 'epochs=3', 'architecture → Net']);
        const ports = trained.children!.filter(c => c.type === T.inputPort || c.type === T.outputPort) as DiagramPort[];
        expect(ports.map(p => [p.type, p.portName, labels(p)[0]])).toEqual([
            [T.inputPort, 'images', 'images'], [T.inputPort, 'labels', 'labels'], [T.outputPort, 'model', 'model']
        ]);
        // Inputs along the top border, outputs along the bottom one.
        expect(ports.filter(p => p.type === T.inputPort).every(p => p.position!.y < 0)).toBe(true);
        expect(ports.filter(p => p.type === T.outputPort).every(p => p.position!.y > trained.size!.height - 8)).toBe(true);
        const output = all(model).find(e => e.type === T.step && labels(e)[0] === 'Output') as DiagramNode;
        expect(output.cssClasses).toContain('output-step');
        expect(trained.cssClasses).toContain('operation-step');
        expect(all(model).filter(e => e.type === T.artifact).map(e => [(e as DiagramEdge).sourceId, (e as DiagramEdge).targetId])).toEqual([
            ['data:out:images', 'trained:in:images'], ['data:out:labels', 'trained:in:labels'], [`trained:out:model`, `${output.id}:in:data`]
        ]);
    });

    test('an execution\'s statuses colour the steps', async () => {
        const { generatePipelineDiagram } = await import('../../diagram/generator/pipeline-diagram.js');
        const context = await diagramOf({ 'net.dfnn': NET, 'p.dfp': `import "net.dfnn"\n${PIPELINE}` }, 'p.dfp');
        const model = generatePipelineDiagram({
            uri: context.uri, graph: context.graph, specs: context.specs!, diagnostics: [],
            statuses: new Map([['data', 'succeeded'], ['trained', 'running']])
        });
        expect((byId(model, 'data') as DiagramNode).cssClasses).toContain('status-succeeded');
        expect(byId(model, 'trained')).toMatchObject({ status: 'running', cssClasses: expect.arrayContaining(['status-running']) });
    });
});
