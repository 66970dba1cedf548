import { T } from '../../core/index.js';
import type { LayerRule } from '../layer-rule.js';
import { LayerError, type Shape } from '../shape.js';
import { audioPreprocessingRules } from './preprocessing/audio.js';
import { rejectBaseKwargs } from './preprocessing/common.js';
import { dataPreprocessingRules } from './preprocessing/data.js';
import { imagePreprocessingRules } from './preprocessing/image.js';

/**
 * `Pipeline([layer, …])` (`keras/src/layers/preprocessing/pipeline.py`): calls its layers in
 * turn. Its weights are its layers' (Keras tracks the list), each counted as that layer
 * counts them. `__init__(layers, name=None)` takes no other argument.
 */
const pipeline: LayerRule = {
    argTypes: { layers: T.list(T.object('layer')) },
    checkArgs(ctx) {
        rejectBaseKwargs(ctx, []);
        if (!Array.isArray(ctx.args.layers)) {
            throw new LayerError('`layers` must be a list of layers, e.g. `[Rescaling(1/255), RandomFlip()]`', { argument: 'layers' });
        }
        // `call` returns the last layer's output: with no layer there is none (UnboundLocalError).
        if (ctx.args.layers.length === 0) throw new LayerError('`layers` must not be empty', { argument: 'layers' });
    },
    output(inputs, ctx) {
        return run(inputs, ctx).shape;
    },
    params(inputs, ctx) {
        const { trainable, nonTrainable } = run(inputs, ctx);
        return { trainable, nonTrainable };
    }
};

/** Runs the pipeline's layers on the input, adding up their weights. */
function run(inputs: readonly Shape[], ctx: Parameters<LayerRule['output']>[1]): { shape: Shape; trainable: number; nonTrainable: number } {
    let shape = inputs[0];
    let trainable = 0, nonTrainable = 0;
    ctx.nestedLayers('layers').forEach((layer, i) => {
        let result;
        try {
            result = ctx.inferNested(layer, [shape]);
        } catch (error) {
            if (!(error instanceof LayerError)) throw error;
            throw new LayerError(`layer ${i} of the pipeline (\`${layer.type}\`): ${error.message}`, { argument: 'layers' });
        }
        if (result.outputs.length !== 1) {
            throw new LayerError(`layer ${i} of the pipeline (\`${layer.type}\`) has ${result.outputs.length} outputs; a pipeline passes one tensor on`,
                { argument: 'layers' });
        }
        shape = result.outputs[0];
        trainable += result.trainable;
        nonTrainable += result.nonTrainable;
    });
    return { shape, trainable, nonTrainable };
}

/** Rules of the Keras `preprocessing` layer group (`keras/src/layers/preprocessing/`). */
export const preprocessingRules: Record<string, LayerRule> = {
    ...imagePreprocessingRules,
    ...dataPreprocessingRules,
    ...audioPreprocessingRules,
    Pipeline: pipeline
};
