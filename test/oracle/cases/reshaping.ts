import type { LayerCase } from '../layer-case.js';

/** Configurations of the Keras `reshaping` layers for the differential suite. */
export const reshapingCases: LayerCase[] = [
    // Cropping*D
    { id: 'Cropping1D', layer: 'Cropping1D', inputs: [[10, 4]] },
    { id: 'Cropping1D_0_3_unknown_channels', layer: 'Cropping1D', args: [[0, 3]], inputs: [[10, null]] },
    { id: 'Cropping1D_int', layer: 'Cropping1D', args: [2], inputs: [[null, 4]] },
    { id: 'Cropping1D_all_of_it', layer: 'Cropping1D', args: [[2, 2]], inputs: [[4, 4]] },
    { id: 'Cropping1D_rank4', layer: 'Cropping1D', inputs: [[10, 4, 4]] },
    { id: 'Cropping2D_default_noop', layer: 'Cropping2D', inputs: [[8, 8, 3]] },
    { id: 'Cropping2D_pairs', layer: 'Cropping2D', args: [[[1, 2], [3, 0]]], inputs: [[8, 8, 3]] },
    { id: 'Cropping2D_symmetric_2_ints', layer: 'Cropping2D', args: [[1, 2]], inputs: [[6, 6, 3]] },
    { id: 'Cropping2D_int_channels_first', layer: 'Cropping2D', args: [2], kwargs: { data_format: 'channels_first' }, inputs: [[3, 8, 6]] },
    { id: 'Cropping2D_too_much_channels_first', layer: 'Cropping2D', args: [[[1, 1], [2, 2]]], kwargs: { data_format: 'channels_first' }, inputs: [[3, 6, 4]] },
    { id: 'Cropping2D_negative', layer: 'Cropping2D', args: [[-1, 1]], inputs: [[6, 6, 3]] },
    { id: 'Cropping2D_3_entries', layer: 'Cropping2D', args: [[1, 1, 1]], inputs: [[6, 6, 3]] },
    { id: 'Cropping3D', layer: 'Cropping3D', inputs: [[6, 6, 6, 2]] },
    { id: 'Cropping3D_mixed_channels_first', layer: 'Cropping3D', args: [[1, [0, 2], 0]], kwargs: { data_format: 'channels_first' }, inputs: [[2, 6, 6, null]] },
    { id: 'Cropping3D_too_much', layer: 'Cropping3D', args: [2], inputs: [[4, 4, 4, 2]] },
    { id: 'Cropping3D_rank4', layer: 'Cropping3D', inputs: [[6, 6, 2]] },

    // Flatten
    { id: 'Flatten', layer: 'Flatten', inputs: [[4, 4, 3]] },
    { id: 'Flatten_unknown_axis', layer: 'Flatten', inputs: [[null, 3]] },
    { id: 'Flatten_rank1', layer: 'Flatten', inputs: [[]] },
    { id: 'Flatten_channels_first', layer: 'Flatten', kwargs: { data_format: 'channels_first' }, inputs: [[3, 4, 5]] },
    { id: 'Flatten_bad_data_format', layer: 'Flatten', kwargs: { data_format: 'nhwc' }, inputs: [[3, 4, 5]] },

    // Permute
    { id: 'Permute', layer: 'Permute', args: [[2, 1]], inputs: [[5, 6]] },
    { id: 'Permute_rank4_list', layer: 'Permute', args: [{ list: [3, 1, 2] }], inputs: [[2, null, 4]] },
    { id: 'Permute_not_a_permutation', layer: 'Permute', args: [[1, 3]], inputs: [[2, 3]] },
    { id: 'Permute_zero_based', layer: 'Permute', args: [[0, 1]], inputs: [[2, 3]] },
    { id: 'Permute_rank_mismatch', layer: 'Permute', args: [[2, 1]], inputs: [[2, 3, 4]] },

    // RepeatVector
    { id: 'RepeatVector', layer: 'RepeatVector', args: [3], inputs: [[6]] },
    { id: 'RepeatVector_unknown_features', layer: 'RepeatVector', args: [5], inputs: [[null]] },
    { id: 'RepeatVector_rank3', layer: 'RepeatVector', args: [3], inputs: [[2, 3]] },
    { id: 'RepeatVector_n0', layer: 'RepeatVector', args: [0], inputs: [[6]] },
    { id: 'RepeatVector_float', layer: 'RepeatVector', args: [2.5], inputs: [[6]] },

    // Reshape
    { id: 'Reshape', layer: 'Reshape', args: [[4, 6]], inputs: [[24]] },
    { id: 'Reshape_infer', layer: 'Reshape', args: [[-1, 6]], inputs: [[4, 2, 3]] },
    { id: 'Reshape_infer_unknown_input', layer: 'Reshape', args: [[-1, 6]], inputs: [[null, 3]] },
    { id: 'Reshape_unknown_input_unchecked', layer: 'Reshape', args: [[4, 5]], inputs: [[null, 3]] },
    { id: 'Reshape_none_in_target', layer: 'Reshape', args: [[null, 6]], inputs: [[2, 3]] },
    { id: 'Reshape_to_rank1', layer: 'Reshape', args: [[12]], inputs: [[3, 4]] },
    { id: 'Reshape_size_mismatch', layer: 'Reshape', args: [[4, 5]], inputs: [[2, 3]] },
    { id: 'Reshape_not_divisible', layer: 'Reshape', args: [[-1, 4]], inputs: [[2, 3]] },
    { id: 'Reshape_two_unknowns', layer: 'Reshape', args: [[-1, -1]], inputs: [[2, 3]] },
    { id: 'Reshape_negative', layer: 'Reshape', args: [[-2, 3]], inputs: [[2, 3]] },
    { id: 'Reshape_zero', layer: 'Reshape', args: [[-1, 0]], inputs: [[2, 3]] },

    // UpSampling*D
    { id: 'UpSampling1D', layer: 'UpSampling1D', inputs: [[5, 4]] },
    { id: 'UpSampling1D_size3_unknown_steps', layer: 'UpSampling1D', args: [3], inputs: [[null, 4]] },
    { id: 'UpSampling1D_tuple', layer: 'UpSampling1D', args: [[2]], inputs: [[5, 4]] },
    { id: 'UpSampling1D_rank4', layer: 'UpSampling1D', inputs: [[5, 5, 4]] },
    { id: 'UpSampling2D', layer: 'UpSampling2D', inputs: [[5, 5, 3]] },
    { id: 'UpSampling2D_rect_bilinear', layer: 'UpSampling2D', args: [[2, 3]], kwargs: { interpolation: 'bilinear' }, inputs: [[5, 5, 3]] },
    { id: 'UpSampling2D_channels_first', layer: 'UpSampling2D', args: [3], kwargs: { data_format: 'channels_first' }, inputs: [[3, 4, null]] },
    { id: 'UpSampling2D_size0', layer: 'UpSampling2D', args: [[0, 2]], inputs: [[4, 4, 3]] },
    { id: 'UpSampling2D_rank3', layer: 'UpSampling2D', inputs: [[4, 3]] },
    { id: 'UpSampling3D', layer: 'UpSampling3D', inputs: [[3, 3, 3, 2]] },
    { id: 'UpSampling3D_rect_channels_first', layer: 'UpSampling3D', args: [[1, 2, 3]], kwargs: { data_format: 'channels_first' }, inputs: [[2, 3, 3, 3]] },
    { id: 'UpSampling3D_size_2_ints', layer: 'UpSampling3D', args: [[2, 2]], inputs: [[3, 3, 3, 2]] },
    { id: 'UpSampling3D_rank4', layer: 'UpSampling3D', inputs: [[3, 3, 2]] },

    // ZeroPadding*D
    { id: 'ZeroPadding1D', layer: 'ZeroPadding1D', inputs: [[7, 4]] },
    { id: 'ZeroPadding1D_1_3_channels_first', layer: 'ZeroPadding1D', args: [[1, 3]], kwargs: { data_format: 'channels_first' }, inputs: [[4, 7]] },
    { id: 'ZeroPadding1D_negative', layer: 'ZeroPadding1D', args: [[1, -1]], inputs: [[7, 4]] },
    { id: 'ZeroPadding1D_rank2', layer: 'ZeroPadding1D', inputs: [[7]] },
    { id: 'ZeroPadding2D', layer: 'ZeroPadding2D', inputs: [[6, 10, 3]] },
    { id: 'ZeroPadding2D_pairs', layer: 'ZeroPadding2D', args: [[[1, 2], [3, 4]]], inputs: [[6, null, 3]] },
    { id: 'ZeroPadding2D_int_channels_first', layer: 'ZeroPadding2D', args: [2], kwargs: { data_format: 'channels_first' }, inputs: [[3, 6, 10]] },
    { id: 'ZeroPadding2D_negative_pair', layer: 'ZeroPadding2D', args: [[[1, -1], 0]], inputs: [[6, 6, 3]] },
    { id: 'ZeroPadding2D_rank5', layer: 'ZeroPadding2D', inputs: [[6, 6, 6, 3]] },
    { id: 'ZeroPadding3D', layer: 'ZeroPadding3D', inputs: [[3, 3, 3, 2]] },
    { id: 'ZeroPadding3D_mixed', layer: 'ZeroPadding3D', args: [[1, [0, 2], 3]], inputs: [[4, 4, 4, 2]] },
    { id: 'ZeroPadding3D_negative', layer: 'ZeroPadding3D', args: [[1, [0, -2], 3]], inputs: [[4, 4, 4, 2]] },
    { id: 'ZeroPadding3D_2_entries', layer: 'ZeroPadding3D', args: [[1, 1]], inputs: [[4, 4, 4, 2]] }
];
