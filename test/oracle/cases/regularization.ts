import type { LayerCase } from '../layer-case.js';

/** Configurations of the Keras `regularization` layers for the differential suite. */
export const regularizationCases: LayerCase[] = [
    { id: 'ActivityRegularization', layer: 'ActivityRegularization', inputs: [[6]] },
    { id: 'ActivityRegularization_l1_l2', layer: 'ActivityRegularization', kwargs: { l1: 0.01, l2: 0.02 }, inputs: [[4, 6]] },
    { id: 'ActivityRegularization_None', layer: 'ActivityRegularization', kwargs: { l1: null }, inputs: [[6]] },
    { id: 'ActivityRegularization_negative', layer: 'ActivityRegularization', kwargs: { l1: -0.1 }, inputs: [[6]] },
    { id: 'ActivityRegularization_string', layer: 'ActivityRegularization', kwargs: { l2: 'a' }, inputs: [[6]] },

    { id: 'AlphaDropout', layer: 'AlphaDropout', args: [0.2], inputs: [[6]] },
    // Not validated by AlphaDropout (only used when training).
    { id: 'AlphaDropout_noise_shape', layer: 'AlphaDropout', args: [0.2], kwargs: { noise_shape: [null, 1] }, inputs: [[4, 6]] },
    { id: 'AlphaDropout_negative_rate', layer: 'AlphaDropout', args: [-0.1], inputs: [[6]] },
    { id: 'AlphaDropout_no_rate', layer: 'AlphaDropout', inputs: [[6]] },

    { id: 'Dropout', layer: 'Dropout', args: [0.5], inputs: [[6]] },
    { id: 'Dropout_rank4_seed', layer: 'Dropout', args: [0.25], kwargs: { seed: 3 }, inputs: [[8, 8, 3]] },
    { id: 'Dropout_noise_shape', layer: 'Dropout', args: [0.5], kwargs: { noise_shape: [null, 1, 3] }, inputs: [[8, 3]] },
    { id: 'Dropout_rank1', layer: 'Dropout', args: [0.0], inputs: [[]] },
    { id: 'Dropout_rate_too_high', layer: 'Dropout', args: [1.5], inputs: [[6]] },
    { id: 'Dropout_noise_shape_zero', layer: 'Dropout', args: [0.5], kwargs: { noise_shape: [null, 0] }, inputs: [[6]] },
    { id: 'Dropout_rate_string', layer: 'Dropout', args: ['half'], inputs: [[6]] },

    { id: 'GaussianDropout', layer: 'GaussianDropout', args: [0.3], inputs: [[6]] },
    { id: 'GaussianDropout_rate1', layer: 'GaussianDropout', args: [1], inputs: [[4, 6]] },
    { id: 'GaussianDropout_rate_too_high', layer: 'GaussianDropout', args: [1.1], inputs: [[6]] },

    { id: 'GaussianNoise', layer: 'GaussianNoise', args: [0.1], inputs: [[6]] },
    { id: 'GaussianNoise_rank3', layer: 'GaussianNoise', kwargs: { stddev: 0.5, seed: 1 }, inputs: [[5, 6]] },
    { id: 'GaussianNoise_stddev_too_high', layer: 'GaussianNoise', args: [2.0], inputs: [[6]] },

    { id: 'SpatialDropout1D', layer: 'SpatialDropout1D', args: [0.5], inputs: [[5, 6]] },
    { id: 'SpatialDropout1D_rank2', layer: 'SpatialDropout1D', args: [0.5], inputs: [[6]] },
    { id: 'SpatialDropout1D_rate', layer: 'SpatialDropout1D', args: [1.5], inputs: [[5, 6]] },

    { id: 'SpatialDropout2D', layer: 'SpatialDropout2D', args: [0.5], inputs: [[8, 8, 3]] },
    { id: 'SpatialDropout2D_channels_first', layer: 'SpatialDropout2D', args: [0.5], kwargs: { data_format: 'channels_first' }, inputs: [[3, 8, 8]] },
    { id: 'SpatialDropout2D_rank3', layer: 'SpatialDropout2D', args: [0.5], inputs: [[8, 3]] },
    { id: 'SpatialDropout2D_bad_format', layer: 'SpatialDropout2D', args: [0.5], kwargs: { data_format: 'nhwc' }, inputs: [[8, 8, 3]] },

    { id: 'SpatialDropout3D', layer: 'SpatialDropout3D', args: [0.5], inputs: [[4, 4, 4, 3]] },
    { id: 'SpatialDropout3D_channels_first', layer: 'SpatialDropout3D', args: [0.1], kwargs: { data_format: 'channels_first' }, inputs: [[3, 4, 4, 4]] },
    { id: 'SpatialDropout3D_rank4', layer: 'SpatialDropout3D', args: [0.5], inputs: [[4, 4, 3]] },
    // SpatialDropout*D do not forward **kwargs to Layer: `trainable` is a TypeError there.
    { id: 'SpatialDropout1D_trainable_kwarg', layer: 'SpatialDropout1D', args: [0.5], kwargs: { trainable: false }, inputs: [[4, 3]] },
    { id: 'Dropout_trainable_kwarg', layer: 'Dropout', args: [0.5], kwargs: { trainable: false, name: 'drop' }, inputs: [[4, 3]] }
];
