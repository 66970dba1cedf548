import type { LayerCase } from '../layer-case.js';

/** Configurations of the Keras `activations` layers for the differential suite. */
export const activationCases: LayerCase[] = [
    { id: 'Activation_relu', layer: 'Activation', args: ['relu'], inputs: [[6]] },
    { id: 'Activation_softmax_rank3', layer: 'Activation', args: ['softmax'], inputs: [[4, 3]] },
    { id: 'Activation_None', layer: 'Activation', args: [null], inputs: [[4, 3]] },
    { id: 'Activation_unknown', layer: 'Activation', args: ['relux'], inputs: [[6]] },
    { id: 'Activation_missing', layer: 'Activation', inputs: [[6]] },

    { id: 'ELU', layer: 'ELU', inputs: [[6]] },
    { id: 'ELU_alpha_rank4', layer: 'ELU', kwargs: { alpha: 0.5 }, inputs: [[4, 4, 3]] },

    { id: 'LeakyReLU', layer: 'LeakyReLU', inputs: [[6]] },
    { id: 'LeakyReLU_slope', layer: 'LeakyReLU', kwargs: { negative_slope: 0.1 }, inputs: [[5, 6]] },
    { id: 'LeakyReLU_negative_slope', layer: 'LeakyReLU', kwargs: { negative_slope: -0.1 }, inputs: [[6]] },
    { id: 'LeakyReLU_None_slope', layer: 'LeakyReLU', kwargs: { negative_slope: null }, inputs: [[6]] },

    { id: 'PReLU', layer: 'PReLU', inputs: [[4, 4, 3]] },
    { id: 'PReLU_shared_axes', layer: 'PReLU', kwargs: { shared_axes: { list: [1, 2] } }, inputs: [[4, 4, 3]] },
    { id: 'PReLU_shared_int', layer: 'PReLU', kwargs: { shared_axes: 1 }, inputs: [[4, 4, 3]] },
    { id: 'PReLU_shared_negative', layer: 'PReLU', kwargs: { shared_axes: -1 }, inputs: [[4, 4, 3]] },
    // `param_shape[0 - 1] = 1`: axis 0 shares the last axis.
    { id: 'PReLU_shared_zero', layer: 'PReLU', kwargs: { shared_axes: 0 }, inputs: [[4, 4, 3]] },
    { id: 'PReLU_rank1', layer: 'PReLU', inputs: [[]] },
    { id: 'PReLU_unknown_shared', layer: 'PReLU', kwargs: { shared_axes: [1] }, inputs: [[null, 3]] },
    { id: 'PReLU_unknown_dim', layer: 'PReLU', inputs: [[null, 3]] },
    { id: 'PReLU_shared_out_of_range', layer: 'PReLU', kwargs: { shared_axes: 4 }, inputs: [[4, 4, 3]] },
    { id: 'PReLU_untrainable', layer: 'PReLU', kwargs: { trainable: false }, inputs: [[5, 3]] },

    { id: 'ReLU', layer: 'ReLU', inputs: [[6]] },
    { id: 'ReLU_options', layer: 'ReLU', kwargs: { max_value: 6.0, negative_slope: 0.1, threshold: 0.5 }, inputs: [[4, 4, 3]] },
    { id: 'ReLU_negative_max', layer: 'ReLU', kwargs: { max_value: -1.5 }, inputs: [[6]] },
    { id: 'ReLU_negative_threshold', layer: 'ReLU', kwargs: { threshold: -0.5 }, inputs: [[6]] },
    { id: 'ReLU_negative_slope', layer: 'ReLU', kwargs: { negative_slope: -0.5 }, inputs: [[6]] },

    { id: 'Softmax', layer: 'Softmax', inputs: [[6]] },
    { id: 'Softmax_axis1', layer: 'Softmax', kwargs: { axis: 1 }, inputs: [[4, 6]] },
    { id: 'Softmax_axes', layer: 'Softmax', kwargs: { axis: [1, 2] }, inputs: [[4, 6]] }
];
