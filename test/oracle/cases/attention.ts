import type { LayerCase } from '../layer-case.js';

/** Configurations of the Keras `attention` layers for the differential suite. */
export const attentionCases: LayerCase[] = [
    // Attention([query, value(, key)]): (*query[:-1], value[-1]); scalar weights
    { id: 'Attention', layer: 'Attention', inputs: [[5, 8], [7, 8]] },
    { id: 'Attention_scale_concat_mismatched_dims', layer: 'Attention', kwargs: { use_scale: true, score_mode: 'concat' }, inputs: [[5, 8], [7, 6]] },
    { id: 'Attention_key', layer: 'Attention', kwargs: { dropout: 0.2 }, inputs: [[5, 8], [7, 6], [7, 8]] },
    { id: 'Attention_rank2', layer: 'Attention', inputs: [[8], [8]] },
    { id: 'Attention_rank4_query', layer: 'Attention', inputs: [[2, 5, 8], [7, 8]] },
    { id: 'Attention_one_input', layer: 'Attention', inputs: [[5, 8]] },
    { id: 'Attention_four_inputs', layer: 'Attention', inputs: [[5, 8], [7, 8], [7, 8], [7, 8]] },
    { id: 'Attention_bad_score_mode', layer: 'Attention', kwargs: { score_mode: 'add' }, inputs: [[5, 8], [7, 8]] },

    // AdditiveAttention: a scale vector of the query's last axis
    { id: 'AdditiveAttention', layer: 'AdditiveAttention', inputs: [[5, 8], [7, 8]] },
    { id: 'AdditiveAttention_no_scale_unknown_dim', layer: 'AdditiveAttention', kwargs: { use_scale: false }, inputs: [[5, null], [7, 8]] },
    { id: 'AdditiveAttention_key', layer: 'AdditiveAttention', inputs: [[5, 8], [7, 3], [7, 8]] },
    { id: 'AdditiveAttention_unknown_query_dim', layer: 'AdditiveAttention', inputs: [[5, null], [7, 8]] },
    { id: 'AdditiveAttention_four_inputs', layer: 'AdditiveAttention', inputs: [[5, 8], [7, 8], [7, 8], [7, 8]] },
    { id: 'AdditiveAttention_one_input', layer: 'AdditiveAttention', inputs: [[5, 8]] },

    // MultiHeadAttention(query, value[, key])
    { id: 'MultiHeadAttention', layer: 'MultiHeadAttention', args: [2, 4], inputs: [[5, 8], [7, 6]] },
    { id: 'MultiHeadAttention_key', layer: 'MultiHeadAttention', args: [2, 4], inputs: [[5, 8], [7, 6], [7, 3]] },
    { id: 'MultiHeadAttention_self', layer: 'MultiHeadAttention', args: [4, 16], kwargs: { dropout: 0.1 }, inputs: [[10, 32], [10, 32]] },
    { id: 'MultiHeadAttention_4d', layer: 'MultiHeadAttention', args: [2, 4], inputs: [[5, 3, 8], [7, 3, 6]] },
    { id: 'MultiHeadAttention_4d_axes', layer: 'MultiHeadAttention', args: [2, 4], kwargs: { attention_axes: [1, 2] }, inputs: [[5, 3, 8], [7, 3, 6]] },
    { id: 'MultiHeadAttention_negative_axis', layer: 'MultiHeadAttention', args: [2, 4], kwargs: { attention_axes: -2 }, inputs: [[5, 3, 8], [7, 3, 6]] },
    { id: 'MultiHeadAttention_axis_3', layer: 'MultiHeadAttention', args: [2, 4], kwargs: { attention_axes: 3 }, inputs: [[5, 8], [7, 6]] },
    { id: 'MultiHeadAttention_axis_out_of_range', layer: 'MultiHeadAttention', args: [2, 4], kwargs: { attention_axes: 5 }, inputs: [[5, 8], [7, 6]] },
    // negative axes count from rank - 1 (= 3 here), then must lie in [-rank, rank) = [-4, 4)
    { id: 'MultiHeadAttention_negative_axis_wraps', layer: 'MultiHeadAttention', args: [2, 4], kwargs: { attention_axes: -7 }, inputs: [[5, 8], [7, 6]] },
    { id: 'MultiHeadAttention_negative_axis_out_of_range', layer: 'MultiHeadAttention', args: [2, 4], kwargs: { attention_axes: [1, -8] }, inputs: [[5, 8], [7, 6]] },
    { id: 'MultiHeadAttention_rank2', layer: 'MultiHeadAttention', args: [2, 4], inputs: [[8], [6]] },
    { id: 'MultiHeadAttention_mixed_ranks', layer: 'MultiHeadAttention', args: [2, 4], inputs: [[5, 8], [2, 7, 6]] },
    {
        id: 'MultiHeadAttention_output_shape_value_dim_gate', layer: 'MultiHeadAttention', args: [2, 4],
        kwargs: { output_shape: [3, 2], value_dim: 5, use_gate: true }, inputs: [[5, 8], [7, 6]]
    },
    { id: 'MultiHeadAttention_output_shape_int_nobias', layer: 'MultiHeadAttention', args: [2, 4], kwargs: { output_shape: 3, use_bias: false }, inputs: [[5, 8], [7, 6]] },
    { id: 'MultiHeadAttention_query_mask', layer: 'MultiHeadAttention', args: [2, 4], inputs: [[5, 8], [7, 6], [7, 6], [5]] },
    { id: 'MultiHeadAttention_all_masks', layer: 'MultiHeadAttention', args: [2, 4], inputs: [[5, 8], [7, 6], [7, 6], [5], [7], [7], [5, 7]] },
    { id: 'MultiHeadAttention_eight_inputs', layer: 'MultiHeadAttention', args: [2, 4], inputs: [[5, 8], [7, 6], [7, 6], [5], [7], [7], [5, 7], [1]] },
    { id: 'MultiHeadAttention_key_value_mismatch', layer: 'MultiHeadAttention', args: [2, 4], inputs: [[5, 8], [7, 6], [6, 3]] },
    { id: 'MultiHeadAttention_key_value_none_vs_known', layer: 'MultiHeadAttention', args: [2, 4], inputs: [[5, 8], [null, 6], [7, 6]] },
    { id: 'MultiHeadAttention_one_input', layer: 'MultiHeadAttention', args: [2, 4], inputs: [[5, 8]] },
    { id: 'MultiHeadAttention_unknown_query_dim', layer: 'MultiHeadAttention', args: [2, 4], inputs: [[5, null], [7, 6]] },
    { id: 'MultiHeadAttention_heads0', layer: 'MultiHeadAttention', args: [0, 4], inputs: [[5, 8], [7, 6]] },
    { id: 'MultiHeadAttention_value_dim0', layer: 'MultiHeadAttention', args: [2, 4], kwargs: { value_dim: 0 }, inputs: [[5, 8], [7, 6]] },
    { id: 'MultiHeadAttention_flash_dropout', layer: 'MultiHeadAttention', args: [2, 4], kwargs: { flash_attention: true, dropout: 0.1 }, inputs: [[5, 8], [7, 6]] },
    { id: 'MultiHeadAttention_sliding_window0', layer: 'MultiHeadAttention', args: [2, 4], kwargs: { sliding_window: 0 }, inputs: [[5, 8], [7, 6]] },

    // GroupQueryAttention(head_dim, num_query_heads, num_key_value_heads)(query, value[, key])
    { id: 'GroupQueryAttention', layer: 'GroupQueryAttention', args: [4, 4, 2], inputs: [[5, 8], [7, 8]] },
    { id: 'GroupQueryAttention_key_gate', layer: 'GroupQueryAttention', args: [4, 4, 2], kwargs: { use_gate: true }, inputs: [[5, 8], [7, 8], [7, 3]] },
    { id: 'GroupQueryAttention_nobias', layer: 'GroupQueryAttention', args: [4, 4, 2], kwargs: { use_bias: false }, inputs: [[5, 8], [7, 8]] },
    { id: 'GroupQueryAttention_rank4_axis2', layer: 'GroupQueryAttention', args: [4, 4, 2], inputs: [[5, 3, 8], [7, 3, 8]] },
    { id: 'GroupQueryAttention_query_heads0', layer: 'GroupQueryAttention', args: [4, 0, 2], inputs: [[5, 8], [7, 8]] },
    { id: 'GroupQueryAttention_not_divisible', layer: 'GroupQueryAttention', args: [4, 4, 3], inputs: [[5, 8], [7, 8]] },
    { id: 'GroupQueryAttention_dims_differ', layer: 'GroupQueryAttention', args: [4, 4, 2], inputs: [[5, 8], [7, 6]] },
    { id: 'GroupQueryAttention_kv_heads0', layer: 'GroupQueryAttention', args: [4, 4, 0], inputs: [[5, 8], [7, 8]] },
    { id: 'GroupQueryAttention_head_dim0', layer: 'GroupQueryAttention', args: [0, 4, 2], inputs: [[5, 8], [7, 8]] },
    { id: 'GroupQueryAttention_rank2', layer: 'GroupQueryAttention', args: [4, 4, 2], inputs: [[8], [8]] },
    { id: 'GroupQueryAttention_key_value_mismatch', layer: 'GroupQueryAttention', args: [4, 4, 2], inputs: [[5, 8], [7, 8], [6, 8]] },
    { id: 'GroupQueryAttention_one_input', layer: 'GroupQueryAttention', args: [4, 4, 2], inputs: [[5, 8]] }
];
