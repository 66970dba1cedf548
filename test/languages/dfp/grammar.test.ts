import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { createDeepForgeServices } from '../../../languages/deepforge-module.js';
import {
    isAttributesSection, isCodeSection, isEnumType, isNamedType, isOperation, isPipeline, isReferencesSection, type DfpModel, type Operation, type Pipeline
} from '../../../languages/generated/ast.js';
import { omitsInterface, operationSections } from '../../../languages/dfp/operation-sections.js';

const services = createDeepForgeServices(EmptyFileSystem);
let counter = 0;

function parse(text: string, extension = '.dfp') {
    const document = services.shared.workspace.LangiumDocumentFactory.fromString<DfpModel>(text, URI.parse(`file:///grammar/${++counter}${extension}`));
    return document.parseResult;
}

function parseClean(text: string): DfpModel {
    const result = parse(text);
    expect(result.lexerErrors.map(e => e.message)).toEqual([]);
    expect(result.parserErrors.map(e => e.message)).toEqual([]);
    return result.value;
}

describe('.dfp grammar', () => {
    test('an operation with every section (any order, optional commas, comments)', () => {
        const model = parseClean(`import "vgg.dfnn"   # networks
operation TrainCifar "Trains a network." {
    code "operations/train_cifar.py"
    attributes {
        batch_size: int = 32
        epochs: int = 20 [1..1000],
        optimizer: "adam" | "sgd" = "adam",
        rate = 1e-3 [0.0..1.0],
        shift: float = -0.5 [-1..],
        depth: int [..10]
    }
    references { architecture: network }
    inputs images: ndarray, labels
    outputs model
    environment "environments/keras.yml"
}`);
        expect(model.imports.map(i => i.path)).toEqual(['vgg.dfnn']);
        const operation = model.elements[0] as Operation;
        expect(isOperation(operation)).toBe(true);
        expect(operation.doc).toBe('Trains a network.');
        const sections = operationSections(operation);
        expect(omitsInterface(sections)).toBe(false);
        const attributes = sections.attributes!.attributes;
        expect(attributes.map(a => a.name)).toEqual(['batch_size', 'epochs', 'optimizer', 'rate', 'shift', 'depth']);
        expect(attributes[1].range).toMatchObject({ min: '1', max: '1000' });
        expect(isEnumType(attributes[2].type) && attributes[2].type.values).toEqual(['adam', 'sgd']);
        expect(attributes[3].type).toBeUndefined();
        expect(attributes[3].range).toMatchObject({ min: '0.0', max: '1.0' });
        expect(attributes[4].range).toMatchObject({ min: '-1' });
        expect(attributes[4].range?.max).toBeUndefined();
        expect(isNamedType(attributes[5].type) && attributes[5].type.name).toBe('int');
        expect(attributes[5].range).toMatchObject({ max: '10' });
        expect(sections.references!.references.map(r => [r.name, r.kind])).toEqual([['architecture', 'network']]);
        expect(sections.inputs!.ports.map(p => [p.name, p.type])).toEqual([['images', 'ndarray'], ['labels', undefined]]);
        expect(sections.outputs!.ports.map(p => p.name)).toEqual(['model']);
        expect(sections.code!.path).toBe('operations/train_cifar.py');
        expect(sections.environment!.path).toBe('environments/keras.yml');
        expect(operation.sections.filter(isAttributesSection)).toHaveLength(1);
        expect(operation.sections.filter(isReferencesSection)).toHaveLength(1);
    });

    test('an operation may omit its interface (inferred from the code)', () => {
        const operation = parseClean('operation GetData {\n    code "get_data.py"\n}').elements[0] as Operation;
        const sections = operationSections(operation);
        expect(omitsInterface(sections)).toBe(true);
        expect(operation.sections.filter(isCodeSection)).toHaveLength(1);
    });

    test('pipelines: named steps, unnamed sinks, keyword and positional inputs, an output by step alone', () => {
        const model = parseClean(`pipeline Cifar10Classifier {
    data    = GetCifarData()
    trained = TrainCifar(architecture=VGG, epochs=5)(images=data.train_images, labels=data.train_labels,)
    EvalCifar()(preds.pred_labels, true_labels=data.test_labels)
    Output(save_name="cifar-vgg")(trained)
    Sink()()
}`);
        const pipeline = model.elements[0] as Pipeline;
        expect(isPipeline(pipeline)).toBe(true);
        expect(pipeline.steps.map(s => [s.name, s.operation.$refText, s.called])).toEqual([
            ['data', 'GetCifarData', false], ['trained', 'TrainCifar', true], [undefined, 'EvalCifar', true], [undefined, 'Output', true], [undefined, 'Sink', true]
        ]);
        const trained = pipeline.steps[1];
        expect(trained.arguments.map(a => [a.name, a.value.$type])).toEqual([['architecture', 'NameExpression'], ['epochs', 'NumberLiteral']]);
        expect(trained.inputs.map(i => [i.port, i.source.$refText, i.output])).toEqual([['images', 'data', 'train_images'], ['labels', 'data', 'train_labels']]);
        expect(pipeline.steps[2].inputs.map(i => [i.port, i.source.$refText, i.output])).toEqual([[undefined, 'preds', 'pred_labels'], ['true_labels', 'data', 'test_labels']]);
        expect(pipeline.steps[3].inputs.map(i => [i.source.$refText, i.output])).toEqual([['trained', undefined]]);
    });

    test('syntax errors are reported, not thrown', () => {
        expect(parse('operation { }').parserErrors.length).toBeGreaterThan(0);
        expect(parse('pipeline P {\n    a = \n}').parserErrors.length).toBeGreaterThan(0);
        expect(parse('operation A {\n    inputs\n}').parserErrors.length).toBeGreaterThan(0);
        expect(parse('operation A {\n    attributes { x = y }\n}').parserErrors.length).toBeGreaterThan(0);   // defaults are literals
    });

    test('.dfnn keeps its float literals (`1.`, `.5`, `1e-3`) with the range-aware FLOAT terminal', () => {
        const result = parse('network N {\n    x = Input(shape=(4,))\n    d = Dropout(.5)(x)\n    e = Dense(1, bias_initializer=Constant(1.))(d)\n}', '.dfnn');
        expect(result.lexerErrors).toEqual([]);
        expect(result.parserErrors).toEqual([]);
    });
});
