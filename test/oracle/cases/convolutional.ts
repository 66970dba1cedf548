import type { LayerCase } from '../layer-case.js';

/** Configurations of the Keras `convolutional` layers for the differential suite. */
export const convolutionalCases: LayerCase[] = [
    // Conv1D — the only convolution that takes padding="causal".
    { id: 'Conv1D', layer: 'Conv1D', args: [8, 3], inputs: [[10, 4]] },
    { id: 'Conv1D_causal_dil2', layer: 'Conv1D', args: [8, 3], kwargs: { padding: 'causal', dilation_rate: 2 }, inputs: [[10, 4]] },
    { id: 'Conv1D_same_s2_channels_first', layer: 'Conv1D', args: [8, 3], kwargs: { padding: 'same', strides: 2, data_format: 'channels_first' }, inputs: [[4, 9]] },
    { id: 'Conv1D_groups2_nobias', layer: 'Conv1D', args: [6, 3], kwargs: { groups: 2, use_bias: false }, inputs: [[10, 4]] },
    { id: 'Conv1D_unknown_steps', layer: 'Conv1D', args: [8, 3], kwargs: { strides: 2 }, inputs: [[null, 4]] },
    { id: 'Conv1D_rank2', layer: 'Conv1D', args: [8, 3], inputs: [[10]] },
    { id: 'Conv1D_kernel_too_large', layer: 'Conv1D', args: [4, 5], inputs: [[3, 2]] },
    { id: 'Conv1D_filters0', layer: 'Conv1D', args: [0, 3], inputs: [[10, 4]] },
    { id: 'Conv1D_bad_padding', layer: 'Conv1D', args: [4, 3], kwargs: { padding: 'full' }, inputs: [[10, 4]] },

    // Conv2D
    { id: 'Conv2D', layer: 'Conv2D', args: [8, 3], inputs: [[28, 28, 3]] },
    { id: 'Conv2D_same_s2', layer: 'Conv2D', args: [8, [3, 3]], kwargs: { strides: 2, padding: 'same' }, inputs: [[15, 15, 3]] },
    { id: 'Conv2D_valid_s2_rect', layer: 'Conv2D', args: [8, [3, 5]], kwargs: { strides: [2, 1] }, inputs: [[15, 16, 3]] },
    { id: 'Conv2D_groups3', layer: 'Conv2D', args: [6, 3], kwargs: { groups: 3 }, inputs: [[8, 8, 3]] },
    { id: 'Conv2D_channels_first_dil2_nobias', layer: 'Conv2D', args: [4, 3], kwargs: { data_format: 'channels_first', dilation_rate: 2, use_bias: false }, inputs: [[3, 16, 16]] },
    { id: 'Conv2D_unknown_height', layer: 'Conv2D', args: [4, 3], inputs: [[null, 8, 3]] },
    { id: 'Conv2D_not_trainable', layer: 'Conv2D', args: [8, 3], kwargs: { trainable: false }, inputs: [[28, 28, 3]] },
    { id: 'Conv2D_alias_Convolution2D', layer: 'Convolution2D', args: [4, 3], inputs: [[8, 8, 3]] },
    { id: 'Conv2D_causal', layer: 'Conv2D', args: [4, 3], kwargs: { padding: 'causal' }, inputs: [[8, 8, 3]] },
    { id: 'Conv2D_k5_on_3x3', layer: 'Conv2D', args: [8, [5, 5]], inputs: [[3, 3, 1]] },
    { id: 'Conv2D_dilated_too_large', layer: 'Conv2D', args: [8, 3], kwargs: { dilation_rate: 3 }, inputs: [[6, 6, 1]] },
    { id: 'Conv2D_groups_not_dividing_channels', layer: 'Conv2D', args: [4, 3], kwargs: { groups: 2 }, inputs: [[8, 8, 3]] },
    { id: 'Conv2D_groups_not_dividing_filters', layer: 'Conv2D', args: [3, 3], kwargs: { groups: 2 }, inputs: [[8, 8, 4]] },
    { id: 'Conv2D_strides_and_dilation', layer: 'Conv2D', args: [3, 3], kwargs: { strides: 2, dilation_rate: 2 }, inputs: [[16, 16, 4]] },
    { id: 'Conv2D_rank5', layer: 'Conv2D', args: [4, 3], inputs: [[8, 8, 8, 3]] },
    { id: 'Conv2D_rank3', layer: 'Conv2D', args: [4, 3], inputs: [[8, 3]] },
    { id: 'Conv2D_unknown_channels', layer: 'Conv2D', args: [4, 3], inputs: [[8, 8, null]] },
    { id: 'Conv2D_kernel_3_ints', layer: 'Conv2D', args: [4, [3, 3, 3]], inputs: [[8, 8, 3]] },
    { id: 'Conv2D_kernel0', layer: 'Conv2D', args: [4, [3, 0]], inputs: [[8, 8, 3]] },

    // Conv3D
    { id: 'Conv3D', layer: 'Conv3D', args: [8, 3], inputs: [[8, 8, 8, 2]] },
    { id: 'Conv3D_same_s2_channels_first', layer: 'Conv3D', args: [4, [3, 3, 1]], kwargs: { strides: 2, padding: 'same', data_format: 'channels_first' }, inputs: [[2, 9, 8, 7]] },
    { id: 'Conv3D_groups2', layer: 'Conv3D', args: [4, 2], kwargs: { groups: 2 }, inputs: [[5, 5, 5, 6]] },
    { id: 'Conv3D_rank4', layer: 'Conv3D', args: [4, 3], inputs: [[8, 8, 2]] },
    { id: 'Conv3D_kernel_2_ints', layer: 'Conv3D', args: [4, [3, 3]], inputs: [[8, 8, 8, 2]] },
    { id: 'Conv3D_causal', layer: 'Conv3D', args: [4, 3], kwargs: { padding: 'causal' }, inputs: [[8, 8, 8, 2]] },

    // Conv1DTranspose
    { id: 'Conv1DTranspose_s2', layer: 'Conv1DTranspose', args: [8, 3], kwargs: { strides: 2 }, inputs: [[10, 4]] },
    { id: 'Conv1DTranspose_same_output_padding', layer: 'Conv1DTranspose', args: [8, 4], kwargs: { strides: 3, padding: 'same', output_padding: 2 }, inputs: [[10, 4]] },
    { id: 'Conv1DTranspose_kernel_smaller_than_stride', layer: 'Conv1DTranspose', args: [2, 2], kwargs: { strides: 4, use_bias: false }, inputs: [[5, 3]] },
    { id: 'Conv1DTranspose_output_padding_ge_strides', layer: 'Conv1DTranspose', args: [8, 3], kwargs: { strides: 2, output_padding: 2 }, inputs: [[10, 4]] },
    { id: 'Conv1DTranspose_causal', layer: 'Conv1DTranspose', args: [8, 3], kwargs: { padding: 'causal' }, inputs: [[10, 4]] },

    // Conv2DTranspose
    { id: 'Conv2DTranspose', layer: 'Conv2DTranspose', args: [8, 3], inputs: [[7, 7, 4]] },
    { id: 'Conv2DTranspose_same_s2', layer: 'Conv2DTranspose', args: [8, 3], kwargs: { strides: 2, padding: 'same' }, inputs: [[7, 7, 4]] },
    { id: 'Conv2DTranspose_dil2_channels_first', layer: 'Conv2DTranspose', args: [4, 3], kwargs: { dilation_rate: 2, data_format: 'channels_first' }, inputs: [[3, 5, 6]] },
    { id: 'Conv2DTranspose_valid_output_padding', layer: 'Conv2DTranspose', args: [4, [3, 2]], kwargs: { strides: [2, 3], output_padding: [1, 2] }, inputs: [[5, 5, 2]] },
    { id: 'Conv2DTranspose_unknown_height', layer: 'Conv2DTranspose', args: [4, 3], kwargs: { strides: 2 }, inputs: [[null, 5, 2]] },
    { id: 'Conv2DTranspose_strides_and_dilation', layer: 'Conv2DTranspose', args: [4, 3], kwargs: { strides: 2, dilation_rate: 2 }, inputs: [[8, 8, 4]] },
    { id: 'Conv2DTranspose_groups', layer: 'Conv2DTranspose', args: [4, 2], kwargs: { groups: 2 }, inputs: [[4, 4, 4]] },
    { id: 'Conv2DTranspose_unknown_channels', layer: 'Conv2DTranspose', args: [4, 3], inputs: [[8, 8, null]] },
    { id: 'Conv2DTranspose_rank3', layer: 'Conv2DTranspose', args: [4, 3], inputs: [[8, 4]] },

    // Conv3DTranspose
    { id: 'Conv3DTranspose_same_s2', layer: 'Conv3DTranspose', args: [8, 3], kwargs: { strides: 2, padding: 'same' }, inputs: [[4, 4, 4, 2]] },
    { id: 'Conv3DTranspose_output_padding_channels_first', layer: 'Conv3DTranspose', args: [4, 3], kwargs: { strides: 2, output_padding: [1, 0, 1], data_format: 'channels_first' }, inputs: [[2, 4, 5, 6]] },
    { id: 'Conv3DTranspose_negative_output_padding', layer: 'Conv3DTranspose', args: [4, 3], kwargs: { strides: 2, output_padding: -1 }, inputs: [[4, 4, 4, 2]] },
    { id: 'Conv3DTranspose_rank4', layer: 'Conv3DTranspose', args: [4, 3], inputs: [[4, 4, 2]] },

    // DepthwiseConv1D
    { id: 'DepthwiseConv1D_dm2', layer: 'DepthwiseConv1D', args: [3], kwargs: { depth_multiplier: 2 }, inputs: [[10, 4]] },
    { id: 'DepthwiseConv1D_same_channels_first_nobias', layer: 'DepthwiseConv1D', args: [5], kwargs: { padding: 'same', strides: 2, data_format: 'channels_first', use_bias: false }, inputs: [[4, 9]] },
    { id: 'DepthwiseConv1D_strides_and_dilation', layer: 'DepthwiseConv1D', args: [3], kwargs: { strides: 2, dilation_rate: 2 }, inputs: [[16, 3]] },
    { id: 'DepthwiseConv1D_dm0', layer: 'DepthwiseConv1D', args: [3], kwargs: { depth_multiplier: 0 }, inputs: [[10, 4]] },
    { id: 'DepthwiseConv1D_causal', layer: 'DepthwiseConv1D', args: [3], kwargs: { padding: 'causal' }, inputs: [[10, 4]] },

    // DepthwiseConv2D
    { id: 'DepthwiseConv2D', layer: 'DepthwiseConv2D', args: [3], inputs: [[8, 8, 3]] },
    { id: 'DepthwiseConv2D_dm2_same_channels_first', layer: 'DepthwiseConv2D', args: [[3, 5]], kwargs: { depth_multiplier: 2, padding: 'same', data_format: 'channels_first' }, inputs: [[3, 8, 8]] },
    // Unlike Conv2D, the depthwise layers accept strides > 1 with dilation > 1.
    { id: 'DepthwiseConv2D_strides_and_dilation', layer: 'DepthwiseConv2D', args: [3], kwargs: { strides: 2, dilation_rate: 2 }, inputs: [[16, 16, 3]] },
    { id: 'DepthwiseConv2D_unknown_channels', layer: 'DepthwiseConv2D', args: [3], inputs: [[8, 8, null]] },
    { id: 'DepthwiseConv2D_kernel_too_large', layer: 'DepthwiseConv2D', args: [5], inputs: [[4, 8, 3]] },
    { id: 'DepthwiseConv2D_rank5', layer: 'DepthwiseConv2D', args: [3], inputs: [[8, 8, 8, 4]] },

    // SeparableConv1D
    { id: 'SeparableConv1D', layer: 'SeparableConv1D', args: [8, 3], inputs: [[10, 4]] },
    { id: 'SeparableConv1D_dm2_same_s2_channels_first', layer: 'SeparableConv1D', args: [8, 3], kwargs: { depth_multiplier: 2, padding: 'same', strides: 2, data_format: 'channels_first' }, inputs: [[4, 9]] },
    { id: 'SeparableConv1D_kernel_too_large', layer: 'SeparableConv1D', args: [8, 4], inputs: [[3, 4]] },
    { id: 'SeparableConv1D_filters0', layer: 'SeparableConv1D', args: [0, 3], inputs: [[10, 4]] },

    // SeparableConv2D
    { id: 'SeparableConv2D', layer: 'SeparableConv2D', args: [8, 3], inputs: [[8, 8, 3]] },
    { id: 'SeparableConv2D_dm2_nobias', layer: 'SeparableConv2D', args: [16, [3, 3]], kwargs: { depth_multiplier: 2, use_bias: false }, inputs: [[12, 12, 4]] },
    { id: 'SeparableConv2D_strides_and_dilation', layer: 'SeparableConv2D', args: [4, 3], kwargs: { strides: 2, dilation_rate: 2 }, inputs: [[16, 16, 3]] },
    { id: 'SeparableConv2D_unknown_channels', layer: 'SeparableConv2D', args: [4, 3], inputs: [[8, 8, null]] },
    { id: 'SeparableConv2D_rank3', layer: 'SeparableConv2D', args: [4, 3], inputs: [[8, 3]] },
    // Keras lower-cases `padding` and `data_format` (keras.applications.ResNet50 writes "SAME").
    { id: 'Conv2D_padding_upper_case', layer: 'Conv2D', args: [4, 3], kwargs: { padding: 'SAME', data_format: 'Channels_Last' }, inputs: [[7, 7, 3]] },
    { id: 'Conv1D_padding_upper_causal', layer: 'Conv1D', args: [4, 3], kwargs: { padding: 'Causal', dilation_rate: 2 }, inputs: [[10, 3]] },
    { id: 'Conv2D_padding_upper_causal', layer: 'Conv2D', args: [4, 3], kwargs: { padding: 'CAUSAL' }, inputs: [[7, 7, 3]] }
];
