import type { LayerCase } from '../layer-case.js';

/** Configurations of the Keras `core` layers for the differential suite. */
export const coreCases: LayerCase[] = [
    { id: 'Dense', layer: 'Dense', args: [8], inputs: [[6]] },
    { id: 'Dense_rank3_nobias', layer: 'Dense', args: [4], kwargs: { use_bias: false }, inputs: [[5, 8]] },
    { id: 'Dense_rank4_unknown_middle', layer: 'Dense', args: [4], kwargs: { activation: 'relu' }, inputs: [[null, 3, 6]] },
    { id: 'Dense_batch_size', layer: 'Dense', args: [3], inputs: [[6]], batch_size: 2 },
    // LoRA freezes the kernel and adds two trainable factors: 6*2 + 2*4 (+ bias 4).
    { id: 'Dense_lora', layer: 'Dense', args: [4], kwargs: { lora_rank: 2 }, inputs: [[6]] },
    { id: 'Dense_lora_zero', layer: 'Dense', args: [4], kwargs: { lora_rank: 0 }, inputs: [[6]] },
    { id: 'Dense_untrainable', layer: 'Dense', args: [4], kwargs: { trainable: false }, inputs: [[6]] },
    { id: 'Dense_units0', layer: 'Dense', args: [0], inputs: [[6]] },
    { id: 'Dense_units_float', layer: 'Dense', kwargs: { units: 4.5 }, inputs: [[6]] },
    { id: 'Dense_rank1', layer: 'Dense', args: [4], inputs: [[]] },
    { id: 'Dense_unknown_features', layer: 'Dense', args: [4], inputs: [[5, null]] },
    { id: 'Dense_two_inputs', layer: 'Dense', args: [4], inputs: [[6], [6]] },
    { id: 'Dense_lora_constraint', layer: 'Dense', args: [4], kwargs: { lora_rank: 2, kernel_constraint: 'non_neg' }, inputs: [[6]] },
    { id: 'Dense_bad_activation', layer: 'Dense', args: [4], kwargs: { activation: 'rleu' }, inputs: [[6]] },

    { id: 'EinsumDense', layer: 'EinsumDense', args: ['ab,bc->ac', 8], kwargs: { bias_axes: 'c' }, inputs: [[6]] },
    // None in `output_shape` stays None even though the input knows the size.
    { id: 'EinsumDense_sequence', layer: 'EinsumDense', args: ['abc,cd->abd'], kwargs: { output_shape: [null, 64], bias_axes: 'd' }, inputs: [[5, 16]] },
    { id: 'EinsumDense_sequence_known', layer: 'EinsumDense', args: ['abc,cd->abd', [5, 64]], inputs: [[5, 16]] },
    { id: 'EinsumDense_heads', layer: 'EinsumDense', args: ['abc,cde->abde', [null, 4, 8]], kwargs: { bias_axes: 'de' }, inputs: [[10, 32]] },
    { id: 'EinsumDense_bias_partial', layer: 'EinsumDense', args: ['abc,cde->abde', [null, 4, 8]], kwargs: { bias_axes: 'd' }, inputs: [[10, 32]] },
    // Keras inserts the left-elided axes in reverse order.
    { id: 'EinsumDense_left_ellipsis', layer: 'EinsumDense', args: ['...b,bc->...c', 64], kwargs: { bias_axes: 'c' }, inputs: [[3, 5, 16]] },
    { id: 'EinsumDense_right_ellipsis', layer: 'EinsumDense', args: ['ab...,bc->ac...', 64], kwargs: { bias_axes: 'c' }, inputs: [[16, 5, 7]] },
    { id: 'EinsumDense_extra_axes', layer: 'EinsumDense', args: ['ab,bc->ac', 8], inputs: [[5, 6]] },
    { id: 'EinsumDense_lora', layer: 'EinsumDense', args: ['abc,cde->abde', [null, 4, 8]], kwargs: { lora_rank: 2 }, inputs: [[10, 32]] },
    { id: 'EinsumDense_bad_equation', layer: 'EinsumDense', args: ['ab,bc', 8], inputs: [[6]] },
    { id: 'EinsumDense_bad_bias_axes', layer: 'EinsumDense', args: ['ab,bc->ac', 8], kwargs: { bias_axes: 'x' }, inputs: [[6]] },
    { id: 'EinsumDense_unmatched_output_axis', layer: 'EinsumDense', args: ['ab,bc->ad', 8], inputs: [[6]] },
    { id: 'EinsumDense_output_mismatch', layer: 'EinsumDense', args: ['abc,cd->abd', [4, 64]], inputs: [[5, 16]] },
    { id: 'EinsumDense_unknown_input', layer: 'EinsumDense', args: ['ab,bc->ac', 8], inputs: [[null]] },
    { id: 'EinsumDense_missing_output_shape', layer: 'EinsumDense', args: ['ab,bc->ac'], inputs: [[6]] },

    { id: 'Embedding', layer: 'Embedding', args: [100, 8], inputs: [[10]], dtypes: ['int32'] },
    { id: 'Embedding_mask_zero', layer: 'Embedding', args: [100, 8], kwargs: { mask_zero: true }, inputs: [[10]], dtypes: ['int32'] },
    { id: 'Embedding_rank1', layer: 'Embedding', args: [10, 4], inputs: [[]], dtypes: ['int32'] },
    { id: 'Embedding_rank3', layer: 'Embedding', args: [10, 4], inputs: [[5, 3]], dtypes: ['int32'] },
    { id: 'Embedding_lora', layer: 'Embedding', args: [10, 8], kwargs: { lora_rank: 2 }, inputs: [[5]], dtypes: ['int32'] },
    { id: 'Embedding_input_dim0', layer: 'Embedding', args: [0, 8], inputs: [[5]], dtypes: ['int32'] },
    { id: 'Embedding_output_dim_float', layer: 'Embedding', args: [10, 8.5], inputs: [[5]], dtypes: ['int32'] },
    { id: 'Embedding_lora_constraint', layer: 'Embedding', args: [10, 8], kwargs: { lora_rank: 2, embeddings_constraint: 'non_neg' }, inputs: [[5]], dtypes: ['int32'] },

    { id: 'ReversibleEmbedding', layer: 'ReversibleEmbedding', args: [100, 8], inputs: [[10]], dtypes: ['int32'] },
    { id: 'ReversibleEmbedding_untied', layer: 'ReversibleEmbedding', args: [100, 8], kwargs: { tie_weights: false }, inputs: [[10]], dtypes: ['int32'] },
    { id: 'ReversibleEmbedding_negative_dim', layer: 'ReversibleEmbedding', args: [100, -1], inputs: [[10]], dtypes: ['int32'] },

    { id: 'Identity', layer: 'Identity', inputs: [[6]] },
    { id: 'Identity_rank4', layer: 'Identity', inputs: [[4, 4, 3]] },

    { id: 'Masking', layer: 'Masking', inputs: [[5, 6]] },
    { id: 'Masking_value', layer: 'Masking', kwargs: { mask_value: -1.5 }, inputs: [[5, 6]] },
    { id: 'Masking_missing_typo', layer: 'Masking', kwargs: { mask_valu: 0.5 }, inputs: [[5, 6]] },

    // An InputLayer has no inputs: the oracle reads `layer.output`.
    { id: 'InputLayer', layer: 'InputLayer', kwargs: { shape: [8] }, inputs: [] },
    { id: 'InputLayer_batch_size', layer: 'InputLayer', kwargs: { shape: [4, 4, 3], batch_size: 2 }, inputs: [] },
    { id: 'InputLayer_batch_shape', layer: 'InputLayer', kwargs: { batch_shape: [2, null, 6] }, inputs: [] },
    { id: 'InputLayer_no_shape', layer: 'InputLayer', inputs: [] },
    { id: 'InputLayer_shape_and_batch_shape', layer: 'InputLayer', kwargs: { shape: [4], batch_shape: [2, 4] }, inputs: [] },
    { id: 'InputLayer_batch_size_and_batch_shape', layer: 'InputLayer', kwargs: { batch_size: 2, batch_shape: [2, 4] }, inputs: [] },
    { id: 'InputLayer_negative_dim', layer: 'InputLayer', kwargs: { shape: [-1] }, inputs: [] },
    { id: 'InputLayer_int_shape', layer: 'InputLayer', kwargs: { shape: 4 }, inputs: [] }
];
