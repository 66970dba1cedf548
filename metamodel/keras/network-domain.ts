import {
    Arity, containsUnknown, DiagnosticCollector, INCOMPLETE_INPUTS, type GraphValidation, type LayerAnalysis, type Metamodel, type ModelGraph,
    type NetworkAnalysis, type NetworkDomain, type ResolvedNode, type TensorShape
} from '../core/index.js';
import { REMOVED_LAYERS } from './catalogue.js';
import { layerTrace, SHARED_DECLARATION, SHARED_LAYER, ShapeInference, type LayerInference } from './inference.js';
import { INPUT_TYPE, kerasMetamodel, LAYER_INPUT_PORT } from './keras-metamodel.js';
import { formatShape } from './shape.js';
import { KerasValidationEngine } from './validation.js';

/**
 * Shape inference that never lets a bad model escape as an exception: a layer whose inputs
 * do not fit its ports is left unknown (the validation engine has reported it), and an
 * unexpected failure of a rule becomes a diagnostic at the layer.
 */
export class SafeShapeInference extends ShapeInference {
    protected override inferNode(resolved: ResolvedNode, validation: GraphValidation, layers: Map<string, LayerInference>,
        diagnostics: DiagnosticCollector): LayerInference | undefined {
        if (resolved.node.meta?.[INCOMPLETE_INPUTS]) return undefined;
        // A value not known here (a block parameter checked on its own, a missing argument) leaves the layer unknown.
        for (const attribute of resolved.attributes.values()) if (containsUnknown(attribute.value)) return undefined;
        for (const port of resolved.type.inputs) {
            if (!Arity.accepts(port.arity, validation.index.inputsOf(resolved.node.id, port.name).length)) return undefined;
        }
        try {
            return super.inferNode(resolved, validation, layers, diagnostics);
        } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            diagnostics.error('internal', `${resolved.node.type} \`${resolved.node.name}\`: could not infer the output shape (internal error: ${message})`,
                layerTrace(resolved.node));
            return undefined;
        }
    }
}

/** Keras 3 as the domain of `.dfnn` networks. */
export class KerasNetworkDomain implements NetworkDomain {
    readonly inputType = INPUT_TYPE;
    readonly inputPort = LAYER_INPUT_PORT;
    readonly sharedDeclarationKey = SHARED_DECLARATION;
    readonly sharedApplicationKey = SHARED_LAYER;
    protected readonly engine: KerasValidationEngine;
    protected readonly inference: ShapeInference;

    constructor(readonly metamodel: Metamodel = kerasMetamodel()) {
        this.engine = new KerasValidationEngine(metamodel);
        this.inference = new SafeShapeInference(metamodel);
    }

    explainUnknownType(name: string): string | undefined {
        return REMOVED_LAYERS[name];
    }

    validate(graph: ModelGraph): GraphValidation {
        return this.engine.validate(graph);
    }

    analyze(graph: ModelGraph, validation: GraphValidation): NetworkAnalysis {
        return this.inference.infer(graph, validation) satisfies { layers: ReadonlyMap<string, LayerAnalysis> };
    }

    formatShape(shape: TensorShape): string {
        return formatShape(shape);
    }
}

let shared: KerasNetworkDomain | undefined;

/** The Keras network domain (stateless; built once). */
export function kerasNetworkDomain(): KerasNetworkDomain {
    return (shared ??= new KerasNetworkDomain());
}
