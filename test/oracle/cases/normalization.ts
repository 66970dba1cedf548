import type { LayerCase } from '../layer-case.js';

/** Configurations of the Keras `normalization` layers for the differential suite. */
export const normalizationCases: LayerCase[] = [
    { id: 'BatchNormalization', layer: 'BatchNormalization', inputs: [[8, 8, 3]] },
    { id: 'BatchNormalization_axis1', layer: 'BatchNormalization', kwargs: { axis: 1 }, inputs: [[3, 8, 8]] },
    { id: 'BatchNormalization_no_center_scale', layer: 'BatchNormalization', kwargs: { center: false, scale: false }, inputs: [[5]] },
    { id: 'BatchNormalization_renorm', layer: 'BatchNormalization', kwargs: { renorm: true }, inputs: [[5]] },
    { id: 'BatchNormalization_untrainable', layer: 'BatchNormalization', kwargs: { trainable: false }, inputs: [[4, 6]] },
    // The batch axis can be normalized when the batch size is known.
    { id: 'BatchNormalization_batch_axis', layer: 'BatchNormalization', kwargs: { axis: 0 }, inputs: [[5, 6]], batch_size: 2 },
    { id: 'BatchNormalization_batch_axis_unknown', layer: 'BatchNormalization', kwargs: { axis: 0 }, inputs: [[5, 6]] },
    { id: 'BatchNormalization_axis_out_of_range', layer: 'BatchNormalization', kwargs: { axis: 3 }, inputs: [[5, 6]] },
    { id: 'BatchNormalization_axis_list', layer: 'BatchNormalization', kwargs: { axis: [1, 2] }, inputs: [[5, 6]] },
    { id: 'BatchNormalization_unknown_channels', layer: 'BatchNormalization', inputs: [[5, null]] },
    { id: 'BatchNormalization_rank1', layer: 'BatchNormalization', inputs: [[]] },

    { id: 'GroupNormalization', layer: 'GroupNormalization', kwargs: { groups: 2 }, inputs: [[8, 8, 4]] },
    { id: 'GroupNormalization_instance', layer: 'GroupNormalization', kwargs: { groups: -1 }, inputs: [[8, 8, 4]] },
    { id: 'GroupNormalization_channels_first', layer: 'GroupNormalization', kwargs: { groups: 2, axis: 1, scale: false }, inputs: [[4, 8, 8]] },
    { id: 'GroupNormalization_default_groups_too_many', layer: 'GroupNormalization', inputs: [[8, 8, 4]] },
    { id: 'GroupNormalization_groups_not_dividing', layer: 'GroupNormalization', kwargs: { groups: 3 }, inputs: [[8, 8, 4]] },
    { id: 'GroupNormalization_groups0', layer: 'GroupNormalization', kwargs: { groups: 0 }, inputs: [[8, 8, 4]] },
    { id: 'GroupNormalization_unknown_channels', layer: 'GroupNormalization', kwargs: { groups: 2 }, inputs: [[8, null]] },
    { id: 'GroupNormalization_axis_out_of_range', layer: 'GroupNormalization', kwargs: { groups: 2, axis: 5 }, inputs: [[4, 8, 8]] },

    { id: 'LayerNormalization', layer: 'LayerNormalization', inputs: [[5, 6]] },
    { id: 'LayerNormalization_axes', layer: 'LayerNormalization', kwargs: { axis: [1, 2] }, inputs: [[5, 6]] },
    { id: 'LayerNormalization_axes_unsorted', layer: 'LayerNormalization', kwargs: { axis: [-1, 1] }, inputs: [[4, 5, 6]] },
    { id: 'LayerNormalization_no_center', layer: 'LayerNormalization', kwargs: { center: false }, inputs: [[5, 6]] },
    { id: 'LayerNormalization_axis_out_of_range', layer: 'LayerNormalization', kwargs: { axis: 5 }, inputs: [[5, 6]] },
    { id: 'LayerNormalization_unknown_axis', layer: 'LayerNormalization', kwargs: { axis: 1 }, inputs: [[null, 6]] },
    { id: 'LayerNormalization_axis_string', layer: 'LayerNormalization', kwargs: { axis: 'a' }, inputs: [[5, 6]] },

    { id: 'RMSNormalization', layer: 'RMSNormalization', inputs: [[5, 6]] },
    { id: 'RMSNormalization_axes', layer: 'RMSNormalization', kwargs: { axis: [1, 2], epsilon: 1e-5 }, inputs: [[5, 6]] },
    { id: 'RMSNormalization_axis_out_of_range', layer: 'RMSNormalization', kwargs: { axis: 5 }, inputs: [[5, 6]] },
    { id: 'RMSNormalization_batch_axis', layer: 'RMSNormalization', kwargs: { axis: -3 }, inputs: [[5, 6]] },

    { id: 'UnitNormalization', layer: 'UnitNormalization', inputs: [[6]] },
    { id: 'UnitNormalization_axes', layer: 'UnitNormalization', kwargs: { axis: [1, 2] }, inputs: [[5, 6]] },
    // No weights, so the (unknown) batch axis is fine.
    { id: 'UnitNormalization_batch_axis', layer: 'UnitNormalization', kwargs: { axis: 0 }, inputs: [[5, 6]] },
    { id: 'UnitNormalization_axis_out_of_range', layer: 'UnitNormalization', kwargs: { axis: 5 }, inputs: [[5, 6]] },

    { id: 'SpectralNormalization_Dense', layer: 'SpectralNormalization', args: [{ call: 'Dense', args: [4] }], inputs: [[6]] },
    { id: 'SpectralNormalization_Conv2D', layer: 'SpectralNormalization', args: [{ call: 'Conv2D', args: [8, 3] }], inputs: [[6, 6, 3]] },
    // A transposed kernel is (k, k, filters, in_channels): `vector_u` follows the input channels.
    { id: 'SpectralNormalization_Conv2DTranspose', layer: 'SpectralNormalization', args: [{ call: 'Conv2DTranspose', args: [8, 3] }], inputs: [[6, 6, 3]] },
    { id: 'SpectralNormalization_DepthwiseConv2D', layer: 'SpectralNormalization', args: [{ call: 'DepthwiseConv2D', args: [3], kwargs: { depth_multiplier: 2 } }], inputs: [[6, 6, 3]] },
    { id: 'SpectralNormalization_Embedding', layer: 'SpectralNormalization', args: [{ call: 'Embedding', args: [10, 5] }], inputs: [[7]], dtypes: ['int32'] },
    { id: 'SpectralNormalization_EinsumDense', layer: 'SpectralNormalization', args: [{ call: 'EinsumDense', args: ['abc,cde->abde', [null, 4, 8]] }], inputs: [[5, 7]] },
    { id: 'SpectralNormalization_Dense_lora', layer: 'SpectralNormalization', args: [{ call: 'Dense', args: [4], kwargs: { lora_rank: 2 } }], inputs: [[6]] },
    { id: 'SpectralNormalization_untrainable', layer: 'SpectralNormalization', args: [{ call: 'Dense', args: [4] }], kwargs: { trainable: false }, inputs: [[6]] },
    { id: 'SpectralNormalization_twice', layer: 'SpectralNormalization', args: [{ call: 'SpectralNormalization', args: [{ call: 'Dense', args: [4] }] }], inputs: [[6]] },
    { id: 'SpectralNormalization_no_kernel', layer: 'SpectralNormalization', args: [{ call: 'LayerNormalization' }], inputs: [[5, 7]] },
    { id: 'SpectralNormalization_LSTM', layer: 'SpectralNormalization', args: [{ call: 'LSTM', args: [4] }], inputs: [[5, 7]] },
    { id: 'SpectralNormalization_power_iterations0', layer: 'SpectralNormalization', args: [{ call: 'Dense', args: [4] }], kwargs: { power_iterations: 0 }, inputs: [[6]] },
    { id: 'SpectralNormalization_not_a_layer', layer: 'SpectralNormalization', args: ['dense'], inputs: [[6]] },
    { id: 'SpectralNormalization_Dense_rank1', layer: 'SpectralNormalization', args: [{ call: 'Dense', args: [4] }], inputs: [[]] }
];
