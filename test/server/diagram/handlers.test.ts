import { ApplyLabelEditAction, DeleteElementAction } from 'sprotty-protocol';
import { describe, expect, test } from 'vitest';
import { Actions } from '../../../diagram/model/diagram-model.js';
import type { DiagramContext } from '../../../server/diagram/diagram-sources.js';
import { ApplyLabelEditHandler } from '../../../server/diagram/handlers/apply-label-edit-handler.js';
import { CreateEdgeHandler } from '../../../server/diagram/handlers/create-edge-handler.js';
import { CreateNodeHandler } from '../../../server/diagram/handlers/create-node-handler.js';
import { DeleteElementHandler } from '../../../server/diagram/handlers/delete-element-handler.js';
import type { EditResult } from '../../../server/diagram/handlers/text-edits.js';
import { applyEdits, diagramOf } from './helpers.js';

/** Every edit handler: a diagram action → a minimal text edit, checked on the resulting text. */

const NETWORK = `network Net {
    image  = Input(shape=(8, 8, 1))
    conv   = Conv2D(16, (3, 3), padding="same")(image)
    pool   = MaxPooling2D((2, 2))(conv)
    flat   = Flatten()(pool)
    side   = Flatten()(conv)
    merged = Concatenate()(flat, side)
    probs  = Dense(10)(merged)
    outputs probs
}
`;

function textAfter(context: DiagramContext, result: EditResult): string {
    if ('error' in result) throw new Error(result.error);
    return applyEdits(context.text.getText(), result.edits);
}

async function network(text = NETWORK, collapsed: string[] = []) {
    return diagramOf({ 'net.dfnn': text }, 'net.dfnn', undefined, collapsed);
}

describe('delete-element-handler', () => {
    const handler = new DeleteElementHandler();

    test('a layer goes with its line and its connections (inputs of consumers, outputs)', async () => {
        const context = await network();
        const after = textAfter(context, handler.handle(DeleteElementAction.create(['side']), context));
        expect(after).toBe(NETWORK.replace('    side   = Flatten()(conv)\n', '').replace('Concatenate()(flat, side)', 'Concatenate()(flat)'));
        const last = textAfter(context, handler.handle(DeleteElementAction.create(['probs']), context));
        expect(last).toBe(NETWORK.replace('    probs  = Dense(10)(merged)\n', '').replace('    outputs probs\n', ''));
        const first = textAfter(context, handler.handle(DeleteElementAction.create(['flat', 'side']), context));
        expect(first).toContain('merged = Concatenate()()\n');
        expect(first).not.toContain('Flatten');
    });

    test('a connection is its input reference, with its comma', async () => {
        const context = await network();
        const edge = context.model.children.find(c => c.type === 'edge:tensor' && (c as { targetId: string }).targetId === 'merged:in'
            && (c as { sourceId: string }).sourceId === 'flat:out')!;
        expect(textAfter(context, handler.handle(DeleteElementAction.create([edge.id]), context))).toContain('merged = Concatenate()(side)\n');
    });

    test('a block call goes as a whole', async () => {
        const text = `block B(n: int) {\n    inputs x\n    d = Dense(n)(x)\n    outputs d\n}\n\nnetwork Net {\n    x  = Input(shape=(4,))\n    b1 = B(n=3)(x)\n    y  = Dense(1)(b1)\n}\n`;
        const context = await diagramOf({ 'b.dfnn': text }, 'b.dfnn', 'Net');
        expect(textAfter(context, handler.handle(DeleteElementAction.create(['group:b1']), context)))
            .toBe(text.replace('    b1 = B(n=3)(x)\n', '').replace('Dense(1)(b1)', 'Dense(1)()'));
        expect(handler.handle(DeleteElementAction.create(['b1_d']), context)).toEqual({ error: expect.stringContaining('part of block call `b1`') });
    });

    test('a step goes with the inputs that name it', async () => {
        const context = await pipeline();
        const after = textAfter(context, handler.handle(DeleteElementAction.create(['data']), context));
        expect(after).toContain('    trained = Train(epochs=3)()\n');
        expect(after).not.toContain('data    = Load()');
    });
});

describe('create-edge-handler', () => {
    const handler = new CreateEdgeHandler();
    const connect = (context: DiagramContext, sourceId: string, targetId: string) => handler.handle({ kind: Actions.createEdge, sourceId, targetId }, context);

    test('the source is added to the target\'s inputs', async () => {
        const context = await network();
        expect(textAfter(context, connect(context, 'pool:out', 'merged:in'))).toContain('merged = Concatenate()(flat, side, pool)\n');
        // Dragged the other way round: the same.
        expect(textAfter(context, connect(context, 'merged:in', 'pool:out'))).toContain('Concatenate()(flat, side, pool)');
        expect(connect(context, 'conv:out', 'image:in')).toEqual({ error: expect.any(String) });
    });

    test('into an empty input list; one output of several', async () => {
        const context = await diagramOf({ 'seq.dfnn': `network Seq {\n    t = Input(shape=(20,))\n    e = Embedding(100, 8)(t)\n    l = LSTM(4, return_state=True)(e)\n    c = Concatenate()()\n}\n` }, 'seq.dfnn');
        expect(textAfter(context, connect(context, 'l:out[1]', 'c:in'))).toContain('c = Concatenate()(l[1])\n');
    });

    test('a step input: named, replacing the port\'s source, or a new input list', async () => {
        const context = await pipeline();
        expect(textAfter(context, connect(context, 'other:out:images', 'trained:in:images')))
            .toContain('trained = Train(epochs=3)(images=other.images, labels=data.labels)');
        expect(textAfter(context, connect(context, 'data:out:images', 'other:in:x'))).toContain('    other   = Load()(x=data.images)\n');
    });
});

describe('create-node-handler', () => {
    const handler = new CreateNodeHandler();

    test('a layer below its source, aligned, with placeholders for required arguments', async () => {
        const context = await network();
        const after = textAfter(context, handler.handle({ kind: Actions.createNode, elementType: 'Dense', from: 'pool:out' }, context));
        expect(after).toContain('    pool   = MaxPooling2D((2, 2))(conv)\n    dense  = Dense(units=1)(pool)\n    flat');
        const loose = textAfter(context, handler.handle({ kind: Actions.createNode, elementType: 'Dropout' }, context));
        expect(loose).toContain('    probs  = Dense(10)(merged)\n    dropout = Dropout(rate=0.0)()\n');
        expect(handler.handle({ kind: Actions.createNode, elementType: 'Nope' }, context)).toEqual({ error: expect.any(String) });
    });

    test('a step fed from an output', async () => {
        const context = await pipeline();
        const after = textAfter(context, handler.handle({ kind: Actions.createNode, elementType: 'Train', from: 'data:out:images' }, context));
        expect(after).toContain('    data    = Load()\n    train   = Train()(images=data.images)\n');
    });
});

describe('apply-label-edit-handler', () => {
    const handler = new ApplyLabelEditHandler();

    test('an argument\'s text is replaced; an empty text removes it', async () => {
        const context = await network();
        expect(textAfter(context, await handler.handle(ApplyLabelEditAction.create('probs:arg:0', 'units=12'), context))).toContain('Dense(units=12)(merged)');
        expect(textAfter(context, await handler.handle(ApplyLabelEditAction.create('conv:arg:padding', ''), context))).toContain('Conv2D(16, (3, 3))(image)');
        const steps = await pipeline();
        expect(textAfter(steps, await handler.handle(ApplyLabelEditAction.create('trained:attr:epochs', 'epochs=7'), steps))).toContain('Train(epochs=7)');
    });

    test('a name is renamed with its references', async () => {
        const context = await network();
        const after = textAfter(context, await handler.handle(ApplyLabelEditAction.create('merged:name', 'joined'), context));
        expect(after).toContain('    joined = Concatenate()(flat, side)\n    probs  = Dense(10)(joined)\n');
        expect(await handler.handle(ApplyLabelEditAction.create('merged:name', '1x'), context)).toEqual({ error: '`1x` is not a name' });
    });
});

async function pipeline() {
    return diagramOf({ 'p.dfp': `operation Load {
    inputs x
    outputs images, labels
}

operation Train {
    attributes { epochs: int = 10 }
    inputs images, labels
    outputs model
}

pipeline P {
    data    = Load()
    other   = Load()
    trained = Train(epochs=3)(images=data.images, labels=data.labels)
}
` }, 'p.dfp');
}
