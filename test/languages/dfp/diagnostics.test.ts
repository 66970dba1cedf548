import { describe, expect, test } from 'vitest';
import { at, build, describe as describeDiagnostics, errorsOf, expectDiagnostic } from './helpers.js';
import { FILES, withPipeline } from './fixtures.js';

/**
 * The pipeline checks, each with its message and exact range (zero-based, as in the LSP).
 * Pipelines start on line 12 of the text built by `withPipeline`; steps on line 13 on.
 */

const DATA = 'data = Load()';
const TRAIN = (args: string, inputs = 'images=data.images, labels=data.labels') => `t = Train(${args})(${inputs})`;

async function check(...steps: string[]) {
    const text = withPipeline(...steps);
    return { text, document: await build(text, FILES) };
}

describe('a valid pipeline', () => {
    test('checks clean; unused step outputs are fine (no warning)', async () => {
        const { document } = await check(DATA, TRAIN('architecture=Net, epochs=5, optimizer="sgd", rate=1'), 'Output(save_name="m")(t.model)');
        expect(describeDiagnostics(document)).toEqual([]);
    });

    test('an input with a default in `execute` may stay unconnected; positional inputs follow the declared order', async () => {
        const { document } = await check(DATA, TRAIN('architecture=Net', 'data.images, data.labels'), 'Output(save_name="m")(t)');
        expect(describeDiagnostics(document)).toEqual([]);
    });
});

describe('attributes: the generic validation engine over the operation meta-types', () => {
    test('type error', async () => {
        const { text, document } = await check(DATA, TRAIN('architecture=Net, epochs="five"'));
        expectDiagnostic(document, { message: '`epochs` expects int, got string `"five"`', range: at(text, 14, '"five"'), text: '"five"' });
    });

    test('enum error, with did-you-mean', async () => {
        const { text, document } = await check(DATA, TRAIN('architecture=Net, optimizer="adamw"'));
        expectDiagnostic(document, { message: '`optimizer` expects "adam" or "sgd", got "adamw" — did you mean "adam"?', range: at(text, 14, '"adamw"') });
    });

    test('range error (inclusive bounds)', async () => {
        const { text, document } = await check(DATA, TRAIN('architecture=Net, epochs=0'));
        expectDiagnostic(document, { message: '`epochs` must be in [1, 1000], got 0', range: at(text, 14, '0'), text: '0' });
        const ok = await check(DATA, TRAIN('architecture=Net, epochs=1000'));
        expect(errorsOf(ok.document)).toEqual([]);
    });

    test('a float attribute takes ints; an int attribute does not take floats', async () => {
        const { text, document } = await check(DATA, TRAIN('architecture=Net, rate=1, epochs=2.5'));
        expect(errorsOf(document)).toEqual(['`epochs` expects int, got float `2.5`']);
        expectDiagnostic(document, { message: '`epochs` expects int, got float `2.5`', range: at(text, 14, '2.5') });
    });

    test('unknown attribute, with did-you-mean (references are candidates too)', async () => {
        const { text, document } = await check(DATA, TRAIN('architecture=Net, epoch=5'));
        expectDiagnostic(document, { message: 'unknown argument `epoch` for `Train` — did you mean `epochs`?', range: at(text, 14, 'epoch'), text: 'epoch' });
        const misspeltReference = await check(DATA, TRAIN('architecure=Net'));
        expectDiagnostic(misspeltReference.document, { message: 'unknown argument `architecure` for `Train` — did you mean `architecture`?', range: at(misspeltReference.text, 14, 'architecure') });
    });

    test('missing required attribute of a built-in', async () => {
        const { text, document } = await check(DATA, 'x = Input()');
        expectDiagnostic(document, { message: 'missing required argument `artifact` for `Input`', range: at(text, 14, 'Input') });
    });
});

describe('operations and steps', () => {
    test('unknown operation, with did-you-mean', async () => {
        const { text, document } = await check(DATA, 't = Trian(architecture=Net)(images=data.images, labels=data.labels)');
        expect(errorsOf(document)).toEqual(['unknown operation `Trian` — did you mean `Train`?']);
        expectDiagnostic(document, { message: 'unknown operation `Trian` — did you mean `Train`?', range: at(text, 14, 'Trian') });
    });

    test('duplicate step names', async () => {
        const { text, document } = await check(DATA, DATA);
        expectDiagnostic(document, { message: 'duplicate step name `data` in pipeline `P`: already defined on line 14', range: at(text, 14, 'data') });
    });

    test('unknown step, with did-you-mean', async () => {
        const { text, document } = await check(DATA, TRAIN('architecture=Net', 'images=dta.images, labels=data.labels'));
        expectDiagnostic(document, { message: 'unknown step `dta` in pipeline `P` — did you mean `data`?', range: at(text, 14, 'dta') });
        // No cascade: the input fed by an unknown step is not also "not connected".
        expect(errorsOf(document)).toHaveLength(1);
    });
});

describe('ports and wiring', () => {
    test('unknown input port, with did-you-mean', async () => {
        const { text, document } = await check(DATA, TRAIN('architecture=Net', 'image=data.images, labels=data.labels'));
        expectDiagnostic(document, { message: '`Train` has no input `image` — did you mean `images`?', range: at(text, 14, 'image=data.images') });
        const far = await check(DATA, TRAIN('architecture=Net', 'pictures=data.images, labels=data.labels'));
        expectDiagnostic(far.document, { message: '`Train` has no input `pictures`', range: at(far.text, 14, 'pictures=data.images') });
    });

    test('unknown output port, with did-you-mean and a fix', async () => {
        const { text, document } = await check(DATA, TRAIN('architecture=Net', 'images=data.image, labels=data.labels'));
        const diagnostic = expectDiagnostic(document, { message: '`Load` has no output `image` — did you mean `images`?', range: at(text, 14, 'image', 2) });
        expect((diagnostic.data as { fixes: Array<{ newText: string }> }).fixes[0].newText).toBe('images');
        const far = await check(DATA, TRAIN('architecture=Net', 'images=data.pictures, labels=data.labels'));
        expectDiagnostic(far.document, { message: '`Load` has no output `pictures` (it has `images`, `labels`)', range: at(far.text, 14, 'pictures') });
    });

    test('an input fed twice: at the second feed', async () => {
        const { text, document } = await check(DATA, TRAIN('architecture=Net', 'images=data.images, labels=data.labels, images=data.labels'));
        expectDiagnostic(document, { message: 'input `images` of step `t` is fed twice: it already gets `data.images`', range: at(text, 14, 'images=data.labels') });
        const positional = await check(DATA, TRAIN('architecture=Net'), 'Output(save_name="m")(t.model, data=t.model)');
        expectDiagnostic(positional.document, { message: 'input `data` of `Output` is fed twice: it already gets `t.model`', range: at(positional.text, 15, 'data=t.model') });
    });

    test('a required input left unconnected (its execute parameter has no default): at the operation', async () => {
        const { text, document } = await check(DATA, TRAIN('architecture=Net', 'images=data.images'));
        expect(errorsOf(document)).toEqual(['input `labels` of step `t` is not connected (its `execute` parameter has no default)']);
        expectDiagnostic(document, { message: 'input `labels` of step `t` is not connected (its `execute` parameter has no default)', range: at(text, 14, 'Train') });
    });

    test('an unnamed step is named by its operation', async () => {
        const { text, document } = await check(DATA, 'Output(save_name="x")()');
        expectDiagnostic(document, { message: 'input `data` of `Output` is not connected', range: at(text, 14, 'Output') });
    });

    test('too many positional inputs', async () => {
        const { text, document } = await check(DATA, TRAIN('architecture=Net'), 'Output(save_name="m")(t.model, data.images)');
        expectDiagnostic(document, { message: '`Output` takes 1 input (`data`), got 2', range: at(text, 15, 'data.images') });
    });

    test('a step with several outputs must name one', async () => {
        const { text, document } = await check(DATA, TRAIN('architecture=Net', 'images=data, labels=data.labels'));
        expectDiagnostic(document, { message: 'step `data` has 2 outputs: name one, e.g. `data.images`', range: at(text, 14, 'data', 1) });
    });

    test('cycles: each step on the cycle, at its name', async () => {
        const { text, document } = await check(DATA,
            'a = Train(architecture=Net)(images=b.model, labels=data.labels)',
            'b = Train(architecture=Net)(images=a.model, labels=data.labels)');
        expectDiagnostic(document, { message: 'step `a` is part of a cycle: a → b → a', range: at(text, 14, 'a') });
        expectDiagnostic(document, { message: 'step `b` is part of a cycle: a → b → a', range: at(text, 15, 'b') });
    });

    test('a step feeding itself is a cycle', async () => {
        const { text, document } = await check(DATA, 'a = Train(architecture=Net)(images=a.model, labels=data.labels)');
        expectDiagnostic(document, { message: 'step `a` is part of a cycle: a → a', range: at(text, 14, 'a') });
    });
});

describe('references', () => {
    test('a cross-language reference resolves to a network of an imported .dfnn file', async () => {
        const { document } = await check(DATA, TRAIN('architecture=Net'));
        expect(describeDiagnostics(document)).toEqual([]);
    });

    test('a reference of the wrong kind: a block or a pipeline where a network is expected', async () => {
        const block = await check(DATA, TRAIN('architecture=Blk'));
        expectDiagnostic(block.document, { message: '`architecture` of `Train` takes a network, but `Blk` is a block', range: at(block.text, 14, 'Blk') });
        const pipeline = await check(DATA, TRAIN('architecture=P'));
        expectDiagnostic(pipeline.document, { message: '`architecture` of `Train` takes a network, but `P` is a pipeline', range: at(pipeline.text, 14, 'P'), text: 'P' });
        const operation = await check(DATA, TRAIN('architecture=Load'));
        expectDiagnostic(operation.document, { message: '`architecture` of `Train` takes a network, but `Load` is an operation', range: at(operation.text, 14, 'Load') });
    });

    test('a missing required reference', async () => {
        const { text, document } = await check(DATA, TRAIN(''));
        expectDiagnostic(document, { message: 'missing required reference `architecture` (a network) for `Train`', range: at(text, 14, 'Train') });
    });

    test('a reference given a value rather than a name', async () => {
        const { text, document } = await check(DATA, TRAIN('architecture=5'));
        expectDiagnostic(document, { message: '`architecture` takes the name of a network, got int `5`', range: at(text, 14, '5') });
    });

    test('an undefined name, with did-you-mean', async () => {
        const { text, document } = await check(DATA, TRAIN('architecture=Nett'));
        expectDiagnostic(document, { message: 'undefined name `Nett` — did you mean `Net`?', range: at(text, 14, 'Nett') });
        const far = await check(DATA, TRAIN('architecture=ResNet50'));
        expectDiagnostic(far.document, {
            message: 'undefined name `ResNet50`: no network, block, operation or pipeline of that name in this file or the files it imports',
            range: at(far.text, 14, 'ResNet50')
        });
    });

    test('a step or a network as an attribute value', async () => {
        const step = await check(DATA, TRAIN('architecture=Net, epochs=data'));
        expectDiagnostic(step.document, { message: '`data` is a step, not a value: steps feed inputs in the second group, e.g. `(images=data.output)`', range: at(step.text, 14, 'data', 1) });
        const network = await check(DATA, TRAIN('architecture=Net, epochs=Net'));
        expectDiagnostic(network.document, { message: '`Net` is a network, not a value (`epochs` is an attribute of `Train`)', range: at(network.text, 14, 'Net', 2) });
    });
});
