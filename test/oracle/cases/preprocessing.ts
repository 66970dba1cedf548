import type { LayerCase } from '../layer-case.js';

/**
 * Configurations of the Keras `preprocessing` layers for the differential suite.
 *
 * Hashing, HashedCrossing, IntegerLookup, StringLookup and TextVectorization need TensorFlow,
 * which the oracle's environment (numpy backend) does not have: Keras raises ImportError for
 * every configuration. Their cases are configurations that Keras rejects for their arguments
 * too, so they hold whether or not TensorFlow is installed. (The rules' shapes for the valid
 * configurations were checked against Keras 3.15.1 with TensorFlow 2.21 while writing them.)
 */

const IMG = [8, 8, 3];

/** Image augmentation layers that keep the shape. */
const imageCases: LayerCase[] = [
    { id: 'AugMix', layer: 'AugMix', inputs: [IMG] },
    { id: 'AugMix_factor_pair', layer: 'AugMix', kwargs: { factor: [0.1, 0.5], all_ops: false }, inputs: [IMG] },
    { id: 'AugMix_factor_2', layer: 'AugMix', kwargs: { factor: 2.0 }, inputs: [IMG] },
    { id: 'AugMix_factor_pair_past_1', layer: 'AugMix', kwargs: { factor: [0.5, 2.0] }, inputs: [IMG] },
    { id: 'AugMix_interpolation', layer: 'AugMix', kwargs: { interpolation: 'bicubic' }, inputs: [IMG] },
    { id: 'AugMix_value_range', layer: 'AugMix', kwargs: { value_range: [0, 1, 2] }, inputs: [IMG] },

    { id: 'AutoContrast', layer: 'AutoContrast', inputs: [IMG] },
    { id: 'AutoContrast_unit_range', layer: 'AutoContrast', args: [[0.0, 1.0]], inputs: [[4, 6, 1]] },
    { id: 'AutoContrast_value_range_3', layer: 'AutoContrast', kwargs: { value_range: [0, 1, 2] }, inputs: [IMG] },
    { id: 'AutoContrast_value_range_int', layer: 'AutoContrast', kwargs: { value_range: 1 }, inputs: [IMG] },

    { id: 'CLAHE', layer: 'ContrastLimitedAdaptiveHistogramEqualization', inputs: [IMG] },
    { id: 'CLAHE_tiles_cf', layer: 'ContrastLimitedAdaptiveHistogramEqualization', kwargs: { tile_grid_size: [2, 2], data_format: 'channels_first' }, inputs: [[3, 8, 8]] },
    { id: 'CLAHE_data_format', layer: 'ContrastLimitedAdaptiveHistogramEqualization', kwargs: { data_format: 'channels_middle' }, inputs: [IMG] },

    { id: 'CutMix', layer: 'CutMix', inputs: [IMG] },
    { id: 'CutMix_pair', layer: 'CutMix', kwargs: { factor: [0.2, 0.8] }, inputs: [IMG] },
    { id: 'CutMix_factor_2', layer: 'CutMix', kwargs: { factor: 2.0 }, inputs: [IMG] },
    { id: 'CutMix_factor_none', layer: 'CutMix', kwargs: { factor: null }, inputs: [IMG] },

    { id: 'Equalization', layer: 'Equalization', inputs: [IMG] },
    { id: 'Equalization_bins', layer: 'Equalization', kwargs: { bins: 64, value_range: [0.0, 1.0] }, inputs: [[16, 16, 1]] },
    { id: 'Equalization_value_range', layer: 'Equalization', kwargs: { value_range: 255 }, inputs: [IMG] },

    { id: 'MixUp', layer: 'MixUp', inputs: [IMG] },
    { id: 'MixUp_alpha_cf', layer: 'MixUp', kwargs: { alpha: 0.5, data_format: 'channels_first' }, inputs: [[3, 8, 8]] },
    { id: 'MixUp_data_format', layer: 'MixUp', kwargs: { data_format: 'NHWC' }, inputs: [IMG] },

    { id: 'RandAugment', layer: 'RandAugment', inputs: [IMG] },
    { id: 'RandAugment_ops', layer: 'RandAugment', kwargs: { num_ops: 3, factor: 1.0, value_range: [0.0, 1.0] }, inputs: [[16, 16, 3]] },
    { id: 'RandAugment_factor', layer: 'RandAugment', kwargs: { factor: 1.5 }, inputs: [IMG] },
    { id: 'RandAugment_value_range', layer: 'RandAugment', kwargs: { value_range: 1 }, inputs: [IMG] },

    { id: 'RandomBrightness', layer: 'RandomBrightness', args: [0.2], inputs: [IMG] },
    { id: 'RandomBrightness_negative_pair', layer: 'RandomBrightness', args: [[-0.3, 0.1]], kwargs: { value_range: [0.0, 1.0] }, inputs: [IMG] },
    { id: 'RandomBrightness_none', layer: 'RandomBrightness', args: [null], inputs: [IMG] },
    { id: 'RandomBrightness_factor', layer: 'RandomBrightness', args: [1.5], inputs: [IMG] },
    { id: 'RandomBrightness_factor_triple', layer: 'RandomBrightness', args: [[0.1, 0.2, 0.3]], inputs: [IMG] },
    { id: 'RandomBrightness_value_range', layer: 'RandomBrightness', args: [0.2], kwargs: { value_range: 1 }, inputs: [IMG] },

    { id: 'RandomColorDegeneration', layer: 'RandomColorDegeneration', args: [0.5], inputs: [IMG] },
    { id: 'RandomColorDegeneration_cf', layer: 'RandomColorDegeneration', args: [[-0.5, 0.5]], kwargs: { data_format: 'channels_first' }, inputs: [[3, 8, 8]] },
    { id: 'RandomColorDegeneration_unbatched', layer: 'RandomColorDegeneration', args: [0.5], inputs: [[8, 3]] },
    { id: 'RandomColorDegeneration_4_channels', layer: 'RandomColorDegeneration', args: [0.5], inputs: [[8, 8, 4]] },
    { id: 'RandomColorDegeneration_cf_channels', layer: 'RandomColorDegeneration', args: [0.5], kwargs: { data_format: 'channels_first' }, inputs: [IMG] },
    { id: 'RandomColorDegeneration_rank2', layer: 'RandomColorDegeneration', args: [0.5], inputs: [[8]] },
    { id: 'RandomColorDegeneration_factor_none', layer: 'RandomColorDegeneration', args: [null], inputs: [IMG] },

    { id: 'RandomColorJitter', layer: 'RandomColorJitter', inputs: [IMG] },
    { id: 'RandomColorJitter_all', layer: 'RandomColorJitter', kwargs: { brightness_factor: 0.2, contrast_factor: [0.1, 0.3], saturation_factor: -0.4, hue_factor: 0.1 }, inputs: [IMG] },
    { id: 'RandomColorJitter_contrast', layer: 'RandomColorJitter', kwargs: { contrast_factor: -0.2 }, inputs: [IMG] },
    { id: 'RandomColorJitter_brightness_range', layer: 'RandomColorJitter', kwargs: { brightness_factor: 0.2, value_range: 1 }, inputs: [IMG] },

    { id: 'RandomContrast', layer: 'RandomContrast', args: [0.5], inputs: [IMG] },
    { id: 'RandomContrast_pair', layer: 'RandomContrast', args: [[0.2, 0.9]], inputs: [[32, 32, 1]] },
    { id: 'RandomContrast_negative', layer: 'RandomContrast', args: [-0.5], inputs: [IMG] },
    { id: 'RandomContrast_none', layer: 'RandomContrast', args: [null], inputs: [IMG] },

    { id: 'RandomElasticTransform', layer: 'RandomElasticTransform', inputs: [IMG] },
    { id: 'RandomElasticTransform_mirror', layer: 'RandomElasticTransform', kwargs: { fill_mode: 'mirror', scale: [0.2, 0.4], interpolation: 'nearest' }, inputs: [IMG] },
    { id: 'RandomElasticTransform_scale', layer: 'RandomElasticTransform', kwargs: { scale: 2.0 }, inputs: [IMG] },
    { id: 'RandomElasticTransform_fill_mode', layer: 'RandomElasticTransform', kwargs: { fill_mode: 'reflection' }, inputs: [IMG] },

    { id: 'RandomErasing', layer: 'RandomErasing', inputs: [IMG] },
    { id: 'RandomErasing_scale_pair', layer: 'RandomErasing', kwargs: { factor: 0.5, scale: [0.5, 2.0], fill_value: 0.0 }, inputs: [IMG] },
    { id: 'RandomErasing_scale', layer: 'RandomErasing', kwargs: { scale: 1.5 }, inputs: [IMG] },
    { id: 'RandomErasing_factor', layer: 'RandomErasing', kwargs: { factor: -0.1 }, inputs: [IMG] },

    { id: 'RandomFlip', layer: 'RandomFlip', inputs: [IMG] },
    { id: 'RandomFlip_horizontal_rank2', layer: 'RandomFlip', args: ['horizontal'], inputs: [[8]] },
    { id: 'RandomFlip_two_inputs', layer: 'RandomFlip', inputs: [IMG, IMG] },
    { id: 'RandomFlip_data_format', layer: 'RandomFlip', kwargs: { data_format: 'channels_lost' }, inputs: [IMG] },

    { id: 'RandomGaussianBlur', layer: 'RandomGaussianBlur', inputs: [IMG] },
    { id: 'RandomGaussianBlur_kernel_pair', layer: 'RandomGaussianBlur', kwargs: { kernel_size: [3, 5], sigma: [0.2, 0.8] }, inputs: [IMG] },
    { id: 'RandomGaussianBlur_even_kernel', layer: 'RandomGaussianBlur', kwargs: { kernel_size: 4 }, inputs: [IMG] },
    { id: 'RandomGaussianBlur_kernel_triple', layer: 'RandomGaussianBlur', kwargs: { kernel_size: [3, 5, 7] }, inputs: [IMG] },
    { id: 'RandomGaussianBlur_sigma', layer: 'RandomGaussianBlur', kwargs: { sigma: 2.0 }, inputs: [IMG] },

    { id: 'RandomGrayscale', layer: 'RandomGrayscale', inputs: [IMG] },
    { id: 'RandomGrayscale_cf', layer: 'RandomGrayscale', args: [1.0], kwargs: { data_format: 'channels_first' }, inputs: [[3, 8, 8]] },
    { id: 'RandomGrayscale_factor', layer: 'RandomGrayscale', args: [1.5], inputs: [IMG] },
    { id: 'RandomGrayscale_factor_pair', layer: 'RandomGrayscale', args: [[0.1, 0.5]], inputs: [IMG] },

    { id: 'RandomHue', layer: 'RandomHue', args: [0.5], inputs: [IMG] },
    { id: 'RandomHue_pair', layer: 'RandomHue', args: [[0.1, 0.3]], kwargs: { value_range: [0.0, 1.0] }, inputs: [IMG] },
    { id: 'RandomHue_negative', layer: 'RandomHue', args: [-0.5], inputs: [IMG] },
    { id: 'RandomHue_none', layer: 'RandomHue', args: [null], inputs: [IMG] },

    { id: 'RandomInvert', layer: 'RandomInvert', inputs: [IMG] },
    { id: 'RandomInvert_half', layer: 'RandomInvert', args: [0.5], kwargs: { value_range: [0.0, 1.0] }, inputs: [IMG] },
    { id: 'RandomInvert_negative', layer: 'RandomInvert', args: [-0.5], inputs: [IMG] },

    { id: 'RandomPerspective', layer: 'RandomPerspective', inputs: [IMG] },
    { id: 'RandomPerspective_scale', layer: 'RandomPerspective', kwargs: { factor: 0.5, scale: 0.3, interpolation: 'nearest' }, inputs: [IMG] },
    { id: 'RandomPerspective_scale_big', layer: 'RandomPerspective', kwargs: { scale: 1.5 }, inputs: [IMG] },
    { id: 'RandomPerspective_scale_pair', layer: 'RandomPerspective', kwargs: { scale: [0.1, 0.2] }, inputs: [IMG] },
    { id: 'RandomPerspective_interpolation', layer: 'RandomPerspective', kwargs: { interpolation: 'bicubic' }, inputs: [IMG] },

    { id: 'RandomPosterization', layer: 'RandomPosterization', args: [4], inputs: [IMG] },
    { id: 'RandomPosterization_pair', layer: 'RandomPosterization', args: [[2, 6]], inputs: [IMG] },
    { id: 'RandomPosterization_0', layer: 'RandomPosterization', args: [0], inputs: [IMG] },
    { id: 'RandomPosterization_9', layer: 'RandomPosterization', args: [9], inputs: [IMG] },

    { id: 'RandomRotation', layer: 'RandomRotation', args: [0.2], inputs: [IMG] },
    { id: 'RandomRotation_pair_cf', layer: 'RandomRotation', args: [[-0.2, 0.3]], kwargs: { fill_mode: 'constant', data_format: 'channels_first' }, inputs: [[3, 8, 8]] },
    { id: 'RandomRotation_none', layer: 'RandomRotation', args: [null], inputs: [IMG] },
    { id: 'RandomRotation_factor', layer: 'RandomRotation', args: [2.0], inputs: [IMG] },
    { id: 'RandomRotation_fill_mode', layer: 'RandomRotation', args: [0.2], kwargs: { fill_mode: 'mirror' }, inputs: [IMG] },
    { id: 'RandomRotation_interpolation', layer: 'RandomRotation', args: [0.2], kwargs: { interpolation: 'bicubic' }, inputs: [IMG] },

    { id: 'RandomSaturation', layer: 'RandomSaturation', args: [0.5], inputs: [IMG] },
    { id: 'RandomSaturation_negative', layer: 'RandomSaturation', args: [-0.5], inputs: [IMG] },
    { id: 'RandomSaturation_factor', layer: 'RandomSaturation', args: [1.5], inputs: [IMG] },
    { id: 'RandomSaturation_value_range', layer: 'RandomSaturation', args: [0.5], kwargs: { value_range: 1 }, inputs: [IMG] },

    { id: 'RandomSharpness', layer: 'RandomSharpness', args: [0.5], inputs: [IMG] },
    { id: 'RandomSharpness_pair', layer: 'RandomSharpness', args: [[0.2, 0.4]], inputs: [IMG] },
    { id: 'RandomSharpness_negative', layer: 'RandomSharpness', args: [-0.5], inputs: [IMG] },
    { id: 'RandomSharpness_value_range', layer: 'RandomSharpness', args: [0.5], kwargs: { value_range: [1, 2, 3] }, inputs: [IMG] },

    { id: 'RandomShear', layer: 'RandomShear', kwargs: { x_factor: 0.2 }, inputs: [IMG] },
    { id: 'RandomShear_pair', layer: 'RandomShear', kwargs: { y_factor: [0.1, 0.4], fill_mode: 'wrap' }, inputs: [IMG] },
    { id: 'RandomShear_negative', layer: 'RandomShear', kwargs: { x_factor: -0.2 }, inputs: [IMG] },
    { id: 'RandomShear_pair_past_1', layer: 'RandomShear', kwargs: { y_factor: [0.5, 1.5] }, inputs: [IMG] },
    { id: 'RandomShear_fill_mode', layer: 'RandomShear', kwargs: { fill_mode: 'foo' }, inputs: [IMG] },

    { id: 'RandomTranslation', layer: 'RandomTranslation', args: [0.2, 0.3], inputs: [IMG] },
    { id: 'RandomTranslation_negative', layer: 'RandomTranslation', args: [-1.0, [-0.2, 0.3]], kwargs: { interpolation: 'nearest' }, inputs: [IMG] },
    { id: 'RandomTranslation_height', layer: 'RandomTranslation', args: [1.2, 0.3], inputs: [IMG] },
    { id: 'RandomTranslation_none', layer: 'RandomTranslation', args: [null, 0.3], inputs: [IMG] },
    { id: 'RandomTranslation_missing_width', layer: 'RandomTranslation', args: [0.2], inputs: [IMG] },

    { id: 'RandomZoom', layer: 'RandomZoom', args: [0.2], inputs: [IMG] },
    { id: 'RandomZoom_width_cf', layer: 'RandomZoom', args: [[-0.5, 0.2], 0.3], kwargs: { data_format: 'channels_first' }, inputs: [[3, 8, 8]] },
    { id: 'RandomZoom_minus_1', layer: 'RandomZoom', args: [-1.0], inputs: [IMG] },
    { id: 'RandomZoom_width', layer: 'RandomZoom', args: [0.2, [-1.0, 0.5]], inputs: [IMG] },
    { id: 'RandomZoom_interpolation', layer: 'RandomZoom', args: [0.2], kwargs: { interpolation: 'bicubic' }, inputs: [IMG] },

    { id: 'Solarization', layer: 'Solarization', inputs: [IMG] },
    { id: 'Solarization_factors', layer: 'Solarization', kwargs: { addition_factor: 0.2, threshold_factor: [0.1, 0.5], value_range: [0.0, 1.0] }, inputs: [IMG] },
    { id: 'Solarization_addition', layer: 'Solarization', kwargs: { addition_factor: 1.5 }, inputs: [IMG] },
    { id: 'Solarization_threshold_pair', layer: 'Solarization', kwargs: { threshold_factor: [0.2, 1.2] }, inputs: [IMG] },
    { id: 'Solarization_value_range', layer: 'Solarization', kwargs: { value_range: 3 }, inputs: [IMG] },

    { id: 'MaxNumBoundingBoxes', layer: 'MaxNumBoundingBoxes', args: [5], inputs: [IMG] },
    { id: 'MaxNumBoundingBoxes_fill', layer: 'MaxNumBoundingBoxes', args: [10], kwargs: { fill_value: 0 }, inputs: [[16]] },
    { id: 'MaxNumBoundingBoxes_none', layer: 'MaxNumBoundingBoxes', args: [null], inputs: [IMG] },
    { id: 'MaxNumBoundingBoxes_string', layer: 'MaxNumBoundingBoxes', args: ['many'], inputs: [IMG] }
];

/** Layers that change the image size. */
const sizeCases: LayerCase[] = [
    { id: 'CenterCrop', layer: 'CenterCrop', args: [4, 6], inputs: [IMG] },
    { id: 'CenterCrop_cf', layer: 'CenterCrop', args: [4, 6], kwargs: { data_format: 'channels_first' }, inputs: [[3, 8, 8]] },
    { id: 'CenterCrop_larger', layer: 'CenterCrop', args: [10, 12], inputs: [[null, null, 3]] },
    { id: 'CenterCrop_rank3_unbatched', layer: 'CenterCrop', args: [4, 6], inputs: [[8, 3]] },
    { id: 'CenterCrop_rank2', layer: 'CenterCrop', args: [4, 6], inputs: [[8]] },
    { id: 'CenterCrop_rank5', layer: 'CenterCrop', args: [4, 6], inputs: [[2, 8, 8, 3]] },
    { id: 'CenterCrop_negative', layer: 'CenterCrop', args: [-1, 6], inputs: [IMG] },
    { id: 'CenterCrop_missing_width', layer: 'CenterCrop', args: [4], inputs: [IMG] },

    { id: 'RandomCrop', layer: 'RandomCrop', args: [4, 6], inputs: [IMG] },
    { id: 'RandomCrop_cf', layer: 'RandomCrop', args: [4, 6], kwargs: { data_format: 'channels_first' }, inputs: [[3, 8, 8]] },
    { id: 'RandomCrop_rank5', layer: 'RandomCrop', args: [4, 6], inputs: [[2, 8, 8, 3]] },
    { id: 'RandomCrop_rank2', layer: 'RandomCrop', args: [4, 6], inputs: [[8]] },
    { id: 'RandomCrop_height_float', layer: 'RandomCrop', args: [4.5, 6], inputs: [IMG] },

    { id: 'Resizing', layer: 'Resizing', args: [4, 6], inputs: [IMG] },
    { id: 'Resizing_cf', layer: 'Resizing', args: [16, 12], kwargs: { data_format: 'channels_first', interpolation: 'nearest' }, inputs: [[3, 8, 8]] },
    { id: 'Resizing_rank3_unbatched', layer: 'Resizing', args: [4, 6], inputs: [[8, 3]] },
    // A size-0 axis is legal in Keras.
    { id: 'Resizing_zero_height', layer: 'Resizing', args: [0, 6], inputs: [IMG] },
    { id: 'Resizing_crop_pad', layer: 'Resizing', args: [4, 6], kwargs: { crop_to_aspect_ratio: true, pad_to_aspect_ratio: true }, inputs: [[null, null, 3]] },
    { id: 'Resizing_rank1', layer: 'Resizing', args: [4, 6], inputs: [[]] },
    { id: 'Resizing_negative', layer: 'Resizing', args: [-1, 6], inputs: [IMG] },
    { id: 'Resizing_height_float', layer: 'Resizing', args: [4.5, 6], inputs: [IMG] },
    { id: 'Resizing_data_format', layer: 'Resizing', args: [4, 6], kwargs: { data_format: 'foo' }, inputs: [IMG] },

    { id: 'Rescaling', layer: 'Rescaling', args: [0.5], inputs: [IMG] },
    { id: 'Rescaling_per_channel', layer: 'Rescaling', args: [{ list: [0.5, 0.2, 0.1] }], kwargs: { offset: -1.0 }, inputs: [[4]] },
    { id: 'Rescaling_missing_scale', layer: 'Rescaling', inputs: [IMG] },
    { id: 'Rescaling_string_scale', layer: 'Rescaling', args: ['0.5'], inputs: [[4]] }
];

/** Encodings, discretization, normalization, and the TensorFlow-only layers. */
const dataCases: LayerCase[] = [
    { id: 'CategoryEncoding', layer: 'CategoryEncoding', kwargs: { num_tokens: 10 }, inputs: [[4]], dtypes: ['int32'] },
    { id: 'CategoryEncoding_one_hot', layer: 'CategoryEncoding', kwargs: { num_tokens: 10, output_mode: 'one_hot' }, inputs: [[4]], dtypes: ['int32'] },
    { id: 'CategoryEncoding_one_hot_1', layer: 'CategoryEncoding', kwargs: { num_tokens: 10, output_mode: 'one_hot' }, inputs: [[3, 1]], dtypes: ['int32'] },
    { id: 'CategoryEncoding_count_batch_only', layer: 'CategoryEncoding', args: [6, 'count'], inputs: [[]], dtypes: ['int32'] },
    { id: 'CategoryEncoding_binary', layer: 'CategoryEncoding', kwargs: { num_tokens: 10, output_mode: 'binary' }, inputs: [[3, 4]], dtypes: ['int32'] },
    { id: 'CategoryEncoding_no_tokens', layer: 'CategoryEncoding', inputs: [[4]], dtypes: ['int32'] },
    { id: 'CategoryEncoding_zero_tokens', layer: 'CategoryEncoding', kwargs: { num_tokens: 0 }, inputs: [[4]], dtypes: ['int32'] },
    { id: 'CategoryEncoding_mode', layer: 'CategoryEncoding', kwargs: { num_tokens: 10, output_mode: 'tf_idf' }, inputs: [[4]], dtypes: ['int32'] },
    { id: 'CategoryEncoding_float_tokens', layer: 'CategoryEncoding', kwargs: { num_tokens: 2.5 }, inputs: [[4]], dtypes: ['int32'] },

    { id: 'Discretization', layer: 'Discretization', kwargs: { bin_boundaries: { list: [0.0, 1.0, 2.0] } }, inputs: [[6]] },
    { id: 'Discretization_one_hot', layer: 'Discretization', kwargs: { bin_boundaries: { list: [0.0, 1.0, 2.0] }, output_mode: 'one_hot' }, inputs: [[6]] },
    { id: 'Discretization_one_hot_1', layer: 'Discretization', kwargs: { bin_boundaries: [0.0, 1.0], output_mode: 'one_hot' }, inputs: [[1]] },
    { id: 'Discretization_multi_hot_rank3', layer: 'Discretization', kwargs: { bin_boundaries: { list: [0.0, 1.0, 2.0] }, output_mode: 'multi_hot' }, inputs: [[5, 6]] },
    { id: 'Discretization_count_num_bins', layer: 'Discretization', kwargs: { num_bins: 4, output_mode: 'count' }, inputs: [[6]] },
    { id: 'Discretization_count_batch_only', layer: 'Discretization', kwargs: { num_bins: 4, output_mode: 'count' }, inputs: [[]] },
    { id: 'Discretization_neither', layer: 'Discretization', inputs: [[6]] },
    { id: 'Discretization_both', layer: 'Discretization', kwargs: { num_bins: 3, bin_boundaries: { list: [0.0] } }, inputs: [[6]] },
    { id: 'Discretization_negative_bins', layer: 'Discretization', kwargs: { num_bins: -1 }, inputs: [[6]] },
    { id: 'Discretization_mode', layer: 'Discretization', kwargs: { num_bins: 3, output_mode: 'tf_idf' }, inputs: [[6]] },
    { id: 'Discretization_sparse', layer: 'Discretization', kwargs: { num_bins: 3, output_mode: 'count', sparse: true }, inputs: [[6]] },
    { id: 'Discretization_trainable', layer: 'Discretization', kwargs: { num_bins: 3, trainable: false }, inputs: [[6]] },

    { id: 'Normalization', layer: 'Normalization', inputs: [[5, 6]] },
    { id: 'Normalization_image', layer: 'Normalization', inputs: [IMG] },
    { id: 'Normalization_axis_none', layer: 'Normalization', kwargs: { axis: null }, inputs: [IMG] },
    { id: 'Normalization_axes', layer: 'Normalization', kwargs: { axis: { list: [1, -1] } }, inputs: [IMG] },
    { id: 'Normalization_frozen', layer: 'Normalization', kwargs: { trainable: false }, inputs: [[5, 6]] },
    { id: 'Normalization_mean_variance', layer: 'Normalization', kwargs: { mean: { list: [1.0, 2.0, 3.0] }, variance: { list: [1.0, 4.0, 9.0] } }, inputs: [[8, 3]] },
    { id: 'Normalization_scalar_stats', layer: 'Normalization', kwargs: { mean: 0.5, variance: 2.0, invert: true }, inputs: [[8, 3]] },
    { id: 'Normalization_axis_out_of_range', layer: 'Normalization', kwargs: { axis: 3 }, inputs: [[8, 8]] },
    { id: 'Normalization_batch_axis', layer: 'Normalization', kwargs: { axis: 0 }, inputs: [[8, 8]] },
    { id: 'Normalization_unknown_axis', layer: 'Normalization', inputs: [[null]] },
    { id: 'Normalization_mean_only', layer: 'Normalization', kwargs: { mean: 0.5 }, inputs: [[8, 3]] },
    { id: 'Normalization_stats_shapes', layer: 'Normalization', kwargs: { mean: { list: [1.0, 2.0] }, variance: 1.0 }, inputs: [[8, 3]] },
    { id: 'Normalization_stats_rank', layer: 'Normalization', kwargs: { mean: [[1.0, 2.0]], variance: [[1.0, 2.0]] }, inputs: [[8, 3]] },
    { id: 'Normalization_stats_broadcast', layer: 'Normalization', kwargs: { mean: { list: [1.0, 2.0, 3.0, 4.0] }, variance: { list: [1.0, 2.0, 3.0, 4.0] } }, inputs: [[8, 3]] },

    // TensorFlow-only layers: configurations rejected for their arguments (see the header).
    { id: 'Hashing_zero_bins', layer: 'Hashing', args: [0], inputs: [[4]], dtypes: ['string'] },
    { id: 'Hashing_mode', layer: 'Hashing', args: [10], kwargs: { output_mode: 'tf_idf' }, inputs: [[4]], dtypes: ['string'] },
    { id: 'Hashing_sparse_int', layer: 'Hashing', args: [10], kwargs: { sparse: true }, inputs: [[4]], dtypes: ['string'] },
    { id: 'Hashing_salt_triple', layer: 'Hashing', args: [10], kwargs: { salt: [1, 2, 3] }, inputs: [[4]], dtypes: ['string'] },
    { id: 'Hashing_float_dtype', layer: 'Hashing', args: [10], kwargs: { dtype: 'float32' }, inputs: [[4]], dtypes: ['string'] },

    { id: 'HashedCrossing_mode', layer: 'HashedCrossing', args: [10], kwargs: { output_mode: 'multi_hot' }, inputs: [[1], [1]], dtypes: ['string', 'string'] },
    { id: 'HashedCrossing_one_input', layer: 'HashedCrossing', args: [10], inputs: [[1]], dtypes: ['string'] },
    { id: 'HashedCrossing_three_inputs', layer: 'HashedCrossing', args: [10], inputs: [[1], [1], [1]], dtypes: ['string', 'string', 'string'] },
    { id: 'HashedCrossing_mismatch', layer: 'HashedCrossing', args: [10], inputs: [[1], [2]], dtypes: ['string', 'string'] },

    { id: 'IntegerLookup_max_tokens', layer: 'IntegerLookup', kwargs: { max_tokens: 1 }, inputs: [[4]], dtypes: ['int64'] },
    { id: 'IntegerLookup_oov', layer: 'IntegerLookup', kwargs: { num_oov_indices: -1 }, inputs: [[4]], dtypes: ['int64'] },
    { id: 'IntegerLookup_invert_multi_hot', layer: 'IntegerLookup', kwargs: { invert: true, output_mode: 'multi_hot' }, inputs: [[4]], dtypes: ['int64'] },
    { id: 'IntegerLookup_pad_without_max', layer: 'IntegerLookup', kwargs: { pad_to_max_tokens: true, output_mode: 'count' }, inputs: [[4]], dtypes: ['int64'] },
    { id: 'IntegerLookup_salt_floormod', layer: 'IntegerLookup', kwargs: { salt: 3 }, inputs: [[4]], dtypes: ['int64'] },
    { id: 'IntegerLookup_repeated', layer: 'IntegerLookup', kwargs: { vocabulary: { list: [1, 1, 3] } }, inputs: [[4]], dtypes: ['int64'] },
    { id: 'IntegerLookup_vocabulary_over_max', layer: 'IntegerLookup', kwargs: { max_tokens: 3, vocabulary: { list: [1, 2, 3] }, output_mode: 'count' }, inputs: [[4]], dtypes: ['int64'] },
    { id: 'IntegerLookup_vocabulary_dtype', layer: 'IntegerLookup', kwargs: { vocabulary_dtype: 'int32' }, inputs: [[4]], dtypes: ['int64'] },

    { id: 'StringLookup_mode', layer: 'StringLookup', kwargs: { output_mode: 'embedding' }, inputs: [[4]], dtypes: ['string'] },
    { id: 'StringLookup_idf_in_int_mode', layer: 'StringLookup', kwargs: { vocabulary: { list: ['a', 'b'] }, idf_weights: { list: [0.5, 0.5] } }, inputs: [[4]], dtypes: ['string'] },
    { id: 'StringLookup_tf_idf_without_weights', layer: 'StringLookup', kwargs: { vocabulary: { list: ['a', 'b'] }, output_mode: 'tf_idf' }, inputs: [[4]], dtypes: ['string'] },
    { id: 'StringLookup_salt_triple', layer: 'StringLookup', kwargs: { salt: [1, 2, 3] }, inputs: [[4]], dtypes: ['string'] },
    { id: 'StringLookup_sparse', layer: 'StringLookup', kwargs: { sparse: true, output_mode: 'count' }, inputs: [[4]], dtypes: ['string'] },

    { id: 'TextVectorization_sequence_length_multi_hot', layer: 'TextVectorization', kwargs: { output_mode: 'multi_hot', output_sequence_length: 4 }, inputs: [[1]], dtypes: ['string'] },
    { id: 'TextVectorization_standardize', layer: 'TextVectorization', kwargs: { standardize: 'upper' }, inputs: [[1]], dtypes: ['string'] },
    { id: 'TextVectorization_split', layer: 'TextVectorization', kwargs: { split: 'comma' }, inputs: [[1]], dtypes: ['string'] },
    { id: 'TextVectorization_ragged', layer: 'TextVectorization', kwargs: { ragged: true }, inputs: [[1]], dtypes: ['string'] },
    { id: 'TextVectorization_vocabulary_over_max', layer: 'TextVectorization', kwargs: { output_mode: 'count', vocabulary: { list: ['a', 'b', 'c'] }, max_tokens: 3 }, inputs: [[1]], dtypes: ['string'] },
    { id: 'TextVectorization_ngrams_float', layer: 'TextVectorization', kwargs: { ngrams: 2.5 }, inputs: [[1]], dtypes: ['string'] }
];

/** Spectrograms. */
const audioCases: LayerCase[] = [
    { id: 'MelSpectrogram', layer: 'MelSpectrogram', kwargs: { fft_length: 64, sequence_stride: 32, num_mel_bins: 16 }, inputs: [[512]] },
    { id: 'MelSpectrogram_defaults', layer: 'MelSpectrogram', inputs: [[16000]] },
    { id: 'MelSpectrogram_rank3', layer: 'MelSpectrogram', kwargs: { sequence_stride: 600 }, inputs: [[16000, 1]] },
    { id: 'MelSpectrogram_unknown_length', layer: 'MelSpectrogram', inputs: [[null]] },
    { id: 'MelSpectrogram_batch_only', layer: 'MelSpectrogram', inputs: [[]] },
    { id: 'MelSpectrogram_sequence_length', layer: 'MelSpectrogram', kwargs: { fft_length: 64, sequence_length: 128 }, inputs: [[512]] },
    { id: 'MelSpectrogram_stride_0', layer: 'MelSpectrogram', kwargs: { sequence_stride: 0 }, inputs: [[512]] },

    { id: 'STFTSpectrogram', layer: 'STFTSpectrogram', kwargs: { frame_length: 64, frame_step: 32 }, inputs: [[512, 1]] },
    { id: 'STFTSpectrogram_defaults', layer: 'STFTSpectrogram', inputs: [[1000, 2]] },
    { id: 'STFTSpectrogram_stft_mode', layer: 'STFTSpectrogram', kwargs: { mode: 'stft', frame_length: 64 }, inputs: [[512, 2]] },
    { id: 'STFTSpectrogram_imag', layer: 'STFTSpectrogram', kwargs: { mode: 'imag', frame_length: 63, window: 'hamming' }, inputs: [[512, 2]] },
    { id: 'STFTSpectrogram_same', layer: 'STFTSpectrogram', kwargs: { padding: 'same', frame_length: 64, frame_step: 30, fft_length: 100 }, inputs: [[500, 2]] },
    { id: 'STFTSpectrogram_expand', layer: 'STFTSpectrogram', kwargs: { expand_dims: true, frame_length: 64, scaling: null, window: null }, inputs: [[null, 2]] },
    { id: 'STFTSpectrogram_cf', layer: 'STFTSpectrogram', kwargs: { data_format: 'channels_first', frame_length: 64 }, inputs: [[2, 512]] },
    { id: 'STFTSpectrogram_cf_expand', layer: 'STFTSpectrogram', kwargs: { data_format: 'channels_first', expand_dims: true, frame_length: 64 }, inputs: [[2, 512]] },
    { id: 'STFTSpectrogram_frozen', layer: 'STFTSpectrogram', kwargs: { frame_length: 64, trainable: false }, inputs: [[512, 1]] },
    { id: 'STFTSpectrogram_too_short', layer: 'STFTSpectrogram', kwargs: { frame_length: 64 }, inputs: [[32, 1]] },
    { id: 'STFTSpectrogram_same_short', layer: 'STFTSpectrogram', kwargs: { frame_length: 64, padding: 'same' }, inputs: [[32, 1]] },
    { id: 'STFTSpectrogram_rank2', layer: 'STFTSpectrogram', kwargs: { frame_length: 64 }, inputs: [[512]] },
    { id: 'STFTSpectrogram_unknown_channels', layer: 'STFTSpectrogram', kwargs: { frame_length: 64 }, inputs: [[512, null]] },
    { id: 'STFTSpectrogram_fft_short', layer: 'STFTSpectrogram', kwargs: { frame_length: 64, fft_length: 32 }, inputs: [[512, 1]] },
    { id: 'STFTSpectrogram_step_0', layer: 'STFTSpectrogram', kwargs: { frame_length: 64, frame_step: 0 }, inputs: [[512, 1]] },
    { id: 'STFTSpectrogram_window', layer: 'STFTSpectrogram', kwargs: { frame_length: 64, window: 'Hann' }, inputs: [[512, 1]] },
    { id: 'STFTSpectrogram_mode', layer: 'STFTSpectrogram', kwargs: { mode: 'complex' }, inputs: [[512, 1]] }
];

/** Pipeline of nested layers. */
const pipelineCases: LayerCase[] = [
    { id: 'Pipeline', layer: 'Pipeline', args: [{ list: [{ call: 'Rescaling', args: [0.5] }, { call: 'CenterCrop', args: [4, 4] }] }], inputs: [IMG] },
    { id: 'Pipeline_weights', layer: 'Pipeline', args: [{ list: [{ call: 'Dense', args: [4] }, { call: 'Normalization' }, { call: 'Dense', args: [2], kwargs: { trainable: false } }] }], inputs: [[8]] },
    { id: 'Pipeline_tuple', layer: 'Pipeline', args: [[{ call: 'RandomFlip' }, { call: 'Resizing', args: [4, 6] }]], inputs: [IMG] },
    { id: 'Pipeline_empty', layer: 'Pipeline', args: [{ list: [] }], inputs: [[8]] },
    { id: 'Pipeline_not_a_list', layer: 'Pipeline', args: [{ call: 'Dense', args: [4] }], inputs: [[8]] },
    { id: 'Pipeline_inner_error', layer: 'Pipeline', args: [{ list: [{ call: 'Dense', args: [4] }, { call: 'CenterCrop', args: [4, 4] }] }], inputs: [[8]] },
    { id: 'Pipeline_trainable', layer: 'Pipeline', args: [{ list: [{ call: 'Dense', args: [4] }] }], kwargs: { trainable: false }, inputs: [[8]] }
];

export const preprocessingCases: LayerCase[] = [...imageCases, ...sizeCases, ...dataCases, ...audioCases, ...pipelineCases];
