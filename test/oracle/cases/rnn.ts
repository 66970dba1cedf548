import type { LayerCase } from '../layer-case.js';

const lstm = (units: number, kwargs: Record<string, unknown> = {}) => ({ call: 'LSTM', args: [units], kwargs });
const cell = (type: string, units: number, kwargs: Record<string, unknown> = {}) => ({ call: type, args: [units], kwargs });

/** Configurations of the Keras `rnn` layers for the differential suite. */
export const rnnCases: LayerCase[] = [
    // LSTM: 4u(d + u + 1)
    { id: 'LSTM', layer: 'LSTM', args: [8], inputs: [[5, 4]] },
    { id: 'LSTM_return_sequences_nobias', layer: 'LSTM', args: [8], kwargs: { return_sequences: true, use_bias: false }, inputs: [[5, 4]] },
    { id: 'LSTM_return_state', layer: 'LSTM', args: [8], kwargs: { return_state: true }, inputs: [[5, 4]] },
    { id: 'LSTM_seq_state_unknown_time', layer: 'LSTM', args: [3], kwargs: { return_sequences: true, return_state: true }, inputs: [[null, 4]] },
    { id: 'LSTM_unroll_unknown_time', layer: 'LSTM', args: [8], kwargs: { unroll: true }, inputs: [[null, 4]] },
    { id: 'LSTM_stateful_batch', layer: 'LSTM', args: [8], kwargs: { stateful: true }, inputs: [[5, 4]], batch_size: 3 },
    { id: 'LSTM_untrainable', layer: 'LSTM', args: [8], kwargs: { trainable: false }, inputs: [[5, 4]] },
    { id: 'LSTM_stateful_no_batch', layer: 'LSTM', args: [8], kwargs: { stateful: true }, inputs: [[5, 4]] },
    { id: 'LSTM_rank2', layer: 'LSTM', args: [8], inputs: [[5]] },
    { id: 'LSTM_rank4', layer: 'LSTM', args: [8], inputs: [[5, 3, 4]] },
    { id: 'LSTM_units0', layer: 'LSTM', args: [0], inputs: [[5, 4]] },
    { id: 'LSTM_unknown_features', layer: 'LSTM', args: [8], inputs: [[5, null]] },
    { id: 'LSTM_use_cudnn_bad', layer: 'LSTM', args: [8], kwargs: { use_cudnn: 'yes' }, inputs: [[5, 4]] },
    { id: 'LSTM_use_cudnn_false', layer: 'LSTM', args: [8], kwargs: { use_cudnn: false }, inputs: [[5, 4]] },

    // GRU: 3u(d + u) + 6u (reset_after, default) or 3u
    { id: 'GRU', layer: 'GRU', args: [8], inputs: [[5, 4]] },
    { id: 'GRU_reset_after_false', layer: 'GRU', args: [8], kwargs: { reset_after: false }, inputs: [[5, 4]] },
    { id: 'GRU_state_nobias', layer: 'GRU', args: [8], kwargs: { return_state: true, use_bias: false }, inputs: [[5, 4]] },
    { id: 'GRU_seq', layer: 'GRU', args: [2], kwargs: { return_sequences: true, go_backwards: true }, inputs: [[7, 3]] },
    { id: 'GRU_units_negative', layer: 'GRU', args: [-2], inputs: [[5, 4]] },
    { id: 'GRU_two_inputs', layer: 'GRU', args: [4], inputs: [[5, 4], [5, 4]], call: 'list' },

    // SimpleRNN: u(d + u + 1)
    { id: 'SimpleRNN', layer: 'SimpleRNN', args: [8], inputs: [[5, 4]] },
    { id: 'SimpleRNN_state', layer: 'SimpleRNN', args: [8], kwargs: { return_state: true, return_sequences: true }, inputs: [[5, 4]] },
    { id: 'SimpleRNN_unroll', layer: 'SimpleRNN', args: [8], kwargs: { unroll: true, activation: 'relu' }, inputs: [[null, 4]] },
    { id: 'SimpleRNN_rank4', layer: 'SimpleRNN', args: [8], inputs: [[5, 3, 4]] },
    { id: 'SimpleRNN_stateful_no_batch', layer: 'SimpleRNN', args: [8], kwargs: { stateful: true }, inputs: [[5, 4]] },

    // RNN(cell): input_spec None, cell built on (batch, *shape[2:])
    { id: 'RNN_LSTMCell', layer: 'RNN', args: [cell('LSTMCell', 8)], inputs: [[5, 4]] },
    { id: 'RNN_state_seq', layer: 'RNN', args: [cell('LSTMCell', 8)], kwargs: { return_state: true, return_sequences: true }, inputs: [[5, 4]] },
    { id: 'RNN_cell_list_state', layer: 'RNN', args: [{ list: [cell('LSTMCell', 8), cell('GRUCell', 4)] }], kwargs: { return_state: true }, inputs: [[5, 4]] },
    { id: 'RNN_cell_tuple', layer: 'RNN', args: [[cell('GRUCell', 8), cell('GRUCell', 3, { reset_after: false })]], inputs: [[5, 4]] },
    {
        id: 'RNN_StackedRNNCells_state', layer: 'RNN',
        args: [{ call: 'StackedRNNCells', args: [{ list: [cell('SimpleRNNCell', 8), cell('LSTMCell', 4, { trainable: false })] }] }],
        kwargs: { return_state: true }, inputs: [[5, 4]]
    },
    { id: 'RNN_rank4', layer: 'RNN', args: [cell('SimpleRNNCell', 8)], inputs: [[5, 3, 4]] },
    { id: 'RNN_stateful_batch', layer: 'RNN', args: [cell('GRUCell', 8)], kwargs: { stateful: true }, inputs: [[5, 4]], batch_size: 2 },
    { id: 'RNN_Dense_not_cell', layer: 'RNN', args: [{ call: 'Dense', args: [8] }], inputs: [[5, 4]] },
    { id: 'RNN_LSTM_layer_not_cell', layer: 'RNN', args: [lstm(8)], inputs: [[5, 4]] },
    { id: 'RNN_empty_cells', layer: 'RNN', args: [{ list: [] }], inputs: [[5, 4]] },
    { id: 'RNN_cell_units0', layer: 'RNN', args: [cell('GRUCell', 0)], inputs: [[5, 4]] },
    { id: 'RNN_rank2', layer: 'RNN', args: [cell('LSTMCell', 8)], inputs: [[5]] },
    { id: 'RNN_stateful_no_batch', layer: 'RNN', args: [cell('GRUCell', 8)], kwargs: { stateful: true }, inputs: [[5, 4]] },

    // ConvLSTM: 4f·(k·C + k·f + 1)
    { id: 'ConvLSTM1D', layer: 'ConvLSTM1D', args: [4, 3], inputs: [[5, 10, 2]] },
    { id: 'ConvLSTM1D_same_s2_state_seq', layer: 'ConvLSTM1D', args: [4, 3], kwargs: { return_state: true, return_sequences: true, padding: 'same', strides: 2 }, inputs: [[5, 10, 2]] },
    { id: 'ConvLSTM1D_channels_first', layer: 'ConvLSTM1D', args: [4, 3], kwargs: { data_format: 'channels_first' }, inputs: [[5, 2, 10]] },
    { id: 'ConvLSTM1D_causal', layer: 'ConvLSTM1D', args: [4, 3], kwargs: { padding: 'causal' }, inputs: [[5, 10, 2]] },
    { id: 'ConvLSTM2D', layer: 'ConvLSTM2D', args: [4, 3], inputs: [[5, 10, 10, 2]] },
    { id: 'ConvLSTM2D_dilation_nobias', layer: 'ConvLSTM2D', args: [4, [3, 2]], kwargs: { dilation_rate: 2, use_bias: false }, inputs: [[5, 10, 10, 2]] },
    { id: 'ConvLSTM2D_unknown_time', layer: 'ConvLSTM2D', args: [4, 3], kwargs: { return_sequences: true }, inputs: [[null, 10, 10, 2]] },
    { id: 'ConvLSTM2D_cf_state', layer: 'ConvLSTM2D', args: [3, 3], kwargs: { data_format: 'channels_first', return_state: true, padding: 'same' }, inputs: [[4, 2, 6, 7]] },
    { id: 'ConvLSTM2D_strides_and_dilation', layer: 'ConvLSTM2D', args: [4, 3], kwargs: { dilation_rate: 2, strides: 2 }, inputs: [[5, 10, 10, 2]] },
    { id: 'ConvLSTM2D_kernel_too_large', layer: 'ConvLSTM2D', args: [4, 5], inputs: [[5, 3, 3, 2]] },
    { id: 'ConvLSTM2D_unknown_spatial', layer: 'ConvLSTM2D', args: [4, 3], inputs: [[5, null, 10, 2]] },
    { id: 'ConvLSTM2D_unknown_channels', layer: 'ConvLSTM2D', args: [4, 3], inputs: [[5, 10, 10, null]] },
    { id: 'ConvLSTM2D_kernel_3_ints', layer: 'ConvLSTM2D', args: [4, [3, 3, 3]], inputs: [[5, 10, 10, 2]] },
    { id: 'ConvLSTM2D_rank4', layer: 'ConvLSTM2D', args: [4, 3], inputs: [[10, 10, 2]] },
    { id: 'ConvLSTM3D', layer: 'ConvLSTM3D', args: [2, 3], inputs: [[4, 6, 6, 6, 1]] },
    { id: 'ConvLSTM3D_same_stateful', layer: 'ConvLSTM3D', args: [2, [1, 3, 3]], kwargs: { padding: 'same', stateful: true }, inputs: [[4, 5, 6, 7, 3]], batch_size: 2 },
    { id: 'ConvLSTM3D_rank5', layer: 'ConvLSTM3D', args: [2, 3], inputs: [[6, 6, 6, 1]] },

    // Bidirectional: shapes from the forward layer; weights of both
    { id: 'Bidirectional_LSTM', layer: 'Bidirectional', args: [lstm(8)], inputs: [[5, 4]] },
    { id: 'Bidirectional_GRU_sum_seq', layer: 'Bidirectional', args: [{ call: 'GRU', args: [8], kwargs: { return_sequences: true } }], kwargs: { merge_mode: 'sum' }, inputs: [[5, 4]] },
    { id: 'Bidirectional_merge_none', layer: 'Bidirectional', args: [lstm(8)], kwargs: { merge_mode: null }, inputs: [[5, 4]] },
    { id: 'Bidirectional_return_state', layer: 'Bidirectional', args: [lstm(8, { return_state: true })], inputs: [[5, 4]] },
    {
        id: 'Bidirectional_state_merge_none', layer: 'Bidirectional',
        args: [{ call: 'GRU', args: [8], kwargs: { return_state: true, return_sequences: true } }], kwargs: { merge_mode: null }, inputs: [[5, 4]]
    },
    { id: 'Bidirectional_backward_layer', layer: 'Bidirectional', args: [lstm(8)], kwargs: { backward_layer: lstm(4, { go_backwards: true }) }, inputs: [[5, 4]] },
    {
        id: 'Bidirectional_backward_gru_state', layer: 'Bidirectional', args: [lstm(8, { return_state: true })],
        kwargs: { backward_layer: { call: 'GRU', args: [4], kwargs: { go_backwards: true, return_state: true } } }, inputs: [[5, 4]]
    },
    { id: 'Bidirectional_ConvLSTM1D', layer: 'Bidirectional', args: [{ call: 'ConvLSTM1D', args: [4, 3] }], kwargs: { merge_mode: 'ave' }, inputs: [[5, 10, 2]] },
    { id: 'Bidirectional_RNN_cell', layer: 'Bidirectional', args: [{ call: 'RNN', args: [cell('GRUCell', 6)] }], kwargs: { merge_mode: 'mul' }, inputs: [[5, 4]] },
    { id: 'Bidirectional_stateful_batch', layer: 'Bidirectional', args: [lstm(8, { stateful: true })], inputs: [[5, 4]], batch_size: 2 },
    { id: 'Bidirectional_untrainable_inner', layer: 'Bidirectional', args: [lstm(8, { trainable: false })], inputs: [[5, 4]] },
    { id: 'Bidirectional_untrainable', layer: 'Bidirectional', args: [{ call: 'SimpleRNN', args: [3] }], kwargs: { trainable: false }, inputs: [[5, 4]] },
    { id: 'Bidirectional_bad_merge_mode', layer: 'Bidirectional', args: [lstm(8)], kwargs: { merge_mode: 'max' }, inputs: [[5, 4]] },
    { id: 'Bidirectional_Dense', layer: 'Bidirectional', args: [{ call: 'Dense', args: [8] }], inputs: [[5, 4]] },
    { id: 'Bidirectional_backward_same_direction', layer: 'Bidirectional', args: [lstm(8)], kwargs: { backward_layer: lstm(4) }, inputs: [[5, 4]] },
    {
        id: 'Bidirectional_backward_other_sequences', layer: 'Bidirectional', args: [lstm(8)],
        kwargs: { backward_layer: lstm(4, { go_backwards: true, return_sequences: true }) }, inputs: [[5, 4]]
    },
    { id: 'Bidirectional_go_backwards_forward', layer: 'Bidirectional', args: [lstm(8, { go_backwards: true })], inputs: [[5, 4]] },
    { id: 'Bidirectional_rank2', layer: 'Bidirectional', args: [lstm(8)], inputs: [[5]] },
    { id: 'Bidirectional_stateful_no_batch', layer: 'Bidirectional', args: [lstm(8, { stateful: true })], inputs: [[5, 4]] },

    // TimeDistributed: the inner layer on (batch, *shape[2:]), time axis put back
    { id: 'TimeDistributed_Dense', layer: 'TimeDistributed', args: [{ call: 'Dense', args: [8] }], inputs: [[5, 4]] },
    { id: 'TimeDistributed_Dense_untrainable', layer: 'TimeDistributed', args: [{ call: 'Dense', args: [8], kwargs: { trainable: false } }], inputs: [[5, 4]] },
    { id: 'TimeDistributed_LSTM', layer: 'TimeDistributed', args: [lstm(4, { return_sequences: true })], inputs: [[6, 5, 3]] },
    { id: 'TimeDistributed_Conv2D', layer: 'TimeDistributed', args: [{ call: 'Conv2D', args: [4, 3], kwargs: { strides: 2 } }], inputs: [[5, 10, 10, 3]] },
    { id: 'TimeDistributed_rank2', layer: 'TimeDistributed', args: [{ call: 'Dense', args: [8] }], inputs: [[5]] },
    { id: 'TimeDistributed_unknown_features', layer: 'TimeDistributed', args: [{ call: 'Dense', args: [8] }], inputs: [[5, null]] },
    { id: 'TimeDistributed_multi_output', layer: 'TimeDistributed', args: [lstm(4, { return_state: true })], inputs: [[5, 2, 3]] },
    { id: 'TimeDistributed_not_a_layer', layer: 'TimeDistributed', args: [3], inputs: [[5, 4]] },

    // Cells called directly: cell(inputs, states) positionally, one time step
    { id: 'SimpleRNNCell_step', layer: 'SimpleRNNCell', args: [8], inputs: [[4], [8]], call: 'positional' },
    { id: 'SimpleRNNCell_fixed_batch_nobias', layer: 'SimpleRNNCell', args: [8], kwargs: { use_bias: false }, inputs: [[4], [8]], batch_size: 1, call: 'positional' },
    { id: 'SimpleRNNCell_no_state', layer: 'SimpleRNNCell', args: [8], inputs: [[4]] },
    { id: 'SimpleRNNCell_state_units', layer: 'SimpleRNNCell', args: [8], inputs: [[4], [5]], call: 'positional' },
    { id: 'GRUCell_step', layer: 'GRUCell', args: [8], inputs: [[4], [8]], call: 'positional' },
    { id: 'GRUCell_reset_after_false', layer: 'GRUCell', args: [6], kwargs: { reset_after: false }, inputs: [[4], [6]], call: 'positional' },
    { id: 'GRUCell_no_state', layer: 'GRUCell', args: [8], inputs: [[4]] },
    { id: 'GRUCell_state_units', layer: 'GRUCell', args: [8], inputs: [[4], [5]], call: 'positional' },
    { id: 'GRUCell_three_inputs', layer: 'GRUCell', args: [8], inputs: [[4], [8], [8]], call: 'positional' },
    { id: 'GRUCell_unknown_state', layer: 'GRUCell', args: [8], inputs: [[4], [null]], call: 'positional' },
    { id: 'LSTMCell_one_state_tensor', layer: 'LSTMCell', args: [8], inputs: [[4], [8]], call: 'positional' },
    { id: 'LSTMCell_no_state', layer: 'LSTMCell', args: [8], inputs: [[4]] },
    { id: 'LSTMCell_h_c', layer: 'LSTMCell', args: [8], inputs: [[4], [8], [8]], call: 'positional' },
    { id: 'LSTMCell_batch1_state', layer: 'LSTMCell', args: [8], inputs: [[4], [8]], batch_size: 1, call: 'positional' },
    { id: 'LSTMCell_state_units', layer: 'LSTMCell', args: [8], inputs: [[4], [5]], call: 'positional' },
    { id: 'StackedRNNCells_simple', layer: 'StackedRNNCells', args: [{ list: [cell('SimpleRNNCell', 8)] }], inputs: [[4], [8]], call: 'positional' },
    { id: 'StackedRNNCells_two_simple', layer: 'StackedRNNCells', args: [{ list: [cell('SimpleRNNCell', 8), cell('SimpleRNNCell', 8)] }], inputs: [[4], [8]], call: 'positional' },
    {
        id: 'StackedRNNCells_state_batch_shorter_than_stack', layer: 'StackedRNNCells',
        args: [{ list: [cell('SimpleRNNCell', 8), cell('SimpleRNNCell', 8)] }], inputs: [[4], [8]], batch_size: 1, call: 'positional'
    },
    { id: 'StackedRNNCells_gru', layer: 'StackedRNNCells', args: [{ list: [cell('GRUCell', 8)] }], inputs: [[4], [8]], call: 'positional' },
    { id: 'StackedRNNCells_no_state', layer: 'StackedRNNCells', args: [{ list: [cell('LSTMCell', 8)] }], inputs: [[4]] }
];
