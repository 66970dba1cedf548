import type { LayerCase } from '../layer-case.js';

/** Configurations of the Keras `merging` layers for the differential suite. */
export const mergingCases: LayerCase[] = [
    { id: 'Add', layer: 'Add', inputs: [[6], [6]] },
    { id: 'Add_three', layer: 'Add', inputs: [[4, 6], [4, 6], [4, 6]] },
    { id: 'Add_broadcast_rank', layer: 'Add', inputs: [[4, 6], [6]] },
    { id: 'Add_broadcast_ones', layer: 'Add', inputs: [[4, 1], [1, 6]] },
    // An unknown size merged with a known one stays unknown (not numpy broadcasting).
    { id: 'Add_unknown_dim', layer: 'Add', inputs: [[null, 6], [5, 6]] },
    { id: 'Add_single_list', layer: 'Add', inputs: [[6]], call: 'list' },
    { id: 'Add_batch_size', layer: 'Add', inputs: [[6], [6]], batch_size: 3 },
    { id: 'Add_incompatible', layer: 'Add', inputs: [[4, 6], [5, 6]] },
    { id: 'Average', layer: 'Average', inputs: [[6], [6]] },
    { id: 'Average_broadcast', layer: 'Average', inputs: [[6], [1], [6]] },
    { id: 'Average_incompatible', layer: 'Average', inputs: [[6], [7]] },
    { id: 'Maximum', layer: 'Maximum', inputs: [[3, 6], [3, 6]] },
    { id: 'Maximum_incompatible', layer: 'Maximum', inputs: [[3, 6], [6, 3]] },
    { id: 'Minimum', layer: 'Minimum', inputs: [[6], [6], [6]] },
    { id: 'Minimum_incompatible', layer: 'Minimum', inputs: [[2, 6], [3, 6]] },
    { id: 'Multiply', layer: 'Multiply', inputs: [[2, 3, 6], [3, 1]] },
    { id: 'Multiply_incompatible', layer: 'Multiply', inputs: [[6], [4]] },
    { id: 'Subtract', layer: 'Subtract', inputs: [[6], [6]] },
    { id: 'Subtract_broadcast', layer: 'Subtract', inputs: [[4, 6], [1, 6]] },
    { id: 'Subtract_three', layer: 'Subtract', inputs: [[6], [6], [6]] },
    { id: 'Subtract_one', layer: 'Subtract', inputs: [[6]], call: 'list' },
    { id: 'Subtract_incompatible', layer: 'Subtract', inputs: [[6], [5]] },

    { id: 'Concatenate', layer: 'Concatenate', inputs: [[4, 4, 8], [4, 4, 3]] },
    { id: 'Concatenate_axis1', layer: 'Concatenate', kwargs: { axis: 1 }, inputs: [[4, 4, 8], [2, 4, 8], [1, 4, 8]] },
    { id: 'Concatenate_axis_neg2', layer: 'Concatenate', kwargs: { axis: -2 }, inputs: [[4, 8], [3, 8]] },
    { id: 'Concatenate_unknown_axis_size', layer: 'Concatenate', kwargs: { axis: 1 }, inputs: [[null, 4, 8], [2, 4, 8]] },
    { id: 'Concatenate_unknown_other', layer: 'Concatenate', inputs: [[null, 8], [4, 8]] },
    { id: 'Concatenate_single_list', layer: 'Concatenate', inputs: [[4, 8]], call: 'list' },
    // The language reference's example: sizes differ off the concatenation axis.
    { id: 'Concatenate_mismatch', layer: 'Concatenate', inputs: [[4, 4, 8], [8, 8, 8]] },
    { id: 'Concatenate_rank_mismatch', layer: 'Concatenate', inputs: [[4, 8], [8]] },
    // Size-1 axes are not squeezed away.
    { id: 'Concatenate_no_squeeze', layer: 'Concatenate', inputs: [[1, 8], [4, 8]] },
    // Each unknown size matches, but 3 and 4 on the same axis do not.
    { id: 'Concatenate_mismatch_three', layer: 'Concatenate', inputs: [[null, 8], [3, 8], [4, 8]] },
    { id: 'Concatenate_axis_out_of_range', layer: 'Concatenate', kwargs: { axis: 5 }, inputs: [[4, 8], [4, 8]] },
    { id: 'Concatenate_axis_neg_out_of_range', layer: 'Concatenate', kwargs: { axis: -5 }, inputs: [[4, 8], [4, 8]] },

    { id: 'Dot_axes1', layer: 'Dot', kwargs: { axes: 1 }, inputs: [[8], [8]] },
    { id: 'Dot_axes22', layer: 'Dot', kwargs: { axes: [2, 2] }, inputs: [[5, 3], [7, 3]] },
    { id: 'Dot_axes12_normalize', layer: 'Dot', args: [[1, 2]], kwargs: { normalize: true }, inputs: [[3, 5], [7, 3]] },
    { id: 'Dot_neg_int', layer: 'Dot', kwargs: { axes: -1 }, inputs: [[5, 3], [3]] },
    { id: 'Dot_neg_pair', layer: 'Dot', kwargs: { axes: [-1, -2] }, inputs: [[5, 3], [3, 7]] },
    { id: 'Dot_list_axes', layer: 'Dot', kwargs: { axes: { list: [1, 1] } }, inputs: [[8], [8]] },
    { id: 'Dot_rank4', layer: 'Dot', kwargs: { axes: [3, 1] }, inputs: [[2, 3, 4], [4, 5, 6]] },
    { id: 'Dot_size_mismatch', layer: 'Dot', kwargs: { axes: 1 }, inputs: [[8], [7]] },
    // Keras compares the sizes with `!=`: an unknown size does not match a known one.
    { id: 'Dot_unknown_size', layer: 'Dot', kwargs: { axes: 1 }, inputs: [[null], [7]] },
    { id: 'Dot_three_axes', layer: 'Dot', kwargs: { axes: [1, 2, 3] }, inputs: [[8], [8]] },
    { id: 'Dot_axis_out_of_range', layer: 'Dot', kwargs: { axes: 3 }, inputs: [[8], [8]] },
    { id: 'Dot_float_axes', layer: 'Dot', kwargs: { axes: 1.5 }, inputs: [[8], [8]] },
    { id: 'Dot_three_inputs', layer: 'Dot', kwargs: { axes: 1 }, inputs: [[8], [8], [8]] }
];
