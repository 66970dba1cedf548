import { Arity, T } from '../../core/index.js';
import type { LayerArgs, LayerResult, LayerRule, NestedLayer, RuleContext } from '../layer-rule.js';
import { convOutputLength, formatShape, formatTuple, LayerError, tupleOf, type Dim, type Shape } from '../shape.js';

/*
 * Rules of the Keras recurrent layers (`keras/src/layers/rnn/`).
 *
 * Every recurrent layer is `RNN(cell)`: `LSTM(8)` is `RNN(LSTMCell(8))`, `RNN([c1, c2])` is
 * `RNN(StackedRNNCells([c1, c2]))`. `RNN.build` builds the cell on one time step
 * `(batch, *shape[2:])`, and `RNN.compute_output_shape` (`rnn.py`) gives
 * `(batch, [time,] cell.output_size)` plus, with `return_state=True`, one `(batch, size)` per
 * entry of the flattened `cell.state_size` — in that order, which is what `lstm[0]`, `lstm[1]`, …
 * select. Keras never traces `call()` for these layers in a functional model (they define
 * `compute_output_shape`), so e.g. `unroll=True` with an unknown time axis is accepted.
 */

/** Weight counts split by trainability. */
interface Weights {
    readonly trainable: number;
    readonly nonTrainable: number;
}

/** A recurrent cell once built on a step input: what `RNN` reads from it. */
interface BuiltCell extends Weights {
    /** `cell.output_size`: the last axis of the RNN's output. */
    readonly outputSize: number;
    /** `cell.state_size`, flattened in Keras' order (a stacked LSTMCell contributes h then c). */
    readonly states: readonly number[];
}

/** The cells `RNN(cell)` accepts (Keras requires `call` and `state_size`; layers such as `Dense` have no `state_size`). */
const CELL_TYPES = new Set(['SimpleRNNCell', 'GRUCell', 'LSTMCell', 'StackedRNNCells']);

const NO_WEIGHTS: Weights = { trainable: 0, nonTrainable: 0 };

function addWeights(a: Weights, b: Weights): Weights {
    return { trainable: a.trainable + b.trainable, nonTrainable: a.nonTrainable + b.nonTrainable };
}

/** Counts weights of a (sub)layer, all non-trainable when it was given `trainable=False`. */
function ownWeights(args: LayerArgs, count: number): Weights {
    return args.trainable === false ? { trainable: 0, nonTrainable: count } : { trainable: count, nonTrainable: 0 };
}

/**
 * `units` of a cell: the cells raise "Received an invalid value for argument `units`, expected a
 * positive integer" in `__init__` (`simple_rnn.py`, `gru.py`, `lstm.py`). `argument` is where the
 * diagnostic goes: `units` for the layer itself, the wrapping argument (`cell`) for a nested cell.
 */
function unitsOf(args: LayerArgs, type: string, argument = 'units'): number {
    const units = args.units;
    if (typeof units !== 'number' || !Number.isInteger(units) || units <= 0) {
        throw new LayerError(`\`units\` of \`${type}\` must be a positive integer, got ${units === undefined ? 'nothing' : JSON.stringify(units)}`, { argument });
    }
    return units;
}

/** The cells of `RNN(cell)` / `RNN([cells…])` / `StackedRNNCells(cells)`, checked to be cells. */
function cellsOf(ctx: RuleContext, argument: string, owner?: NestedLayer): NestedLayer[] {
    const cells = ctx.nestedLayers(argument, owner);
    for (const cell of cells) {
        if (!CELL_TYPES.has(cell.type)) {
            throw new LayerError(`\`${argument}\` must be a recurrent cell (${[...CELL_TYPES].join(', ')}), got \`${cell.type}\`` +
                (cell.type in RECURRENT_LAYER_CELLS ? ` — use \`${RECURRENT_LAYER_CELLS[cell.type]}\` inside \`RNN\`, or \`${cell.type}\` on its own` : ''),
            { argument: owner ? undefined : argument });
        }
        if (cell.type === 'StackedRNNCells') cellsOf(ctx, 'cells', cell);
        else unitsOf(cell.args, cell.type, owner ? undefined : argument);
    }
    if (cells.length === 0) {
        // `StackedRNNCells([])` is constructed, then fails in `call` (it reads `cells[-1]`).
        throw new LayerError(`\`${argument}\` needs at least one cell, got an empty list`, { argument: owner ? undefined : argument });
    }
    return cells;
}

/** The cell that recurrent layers build for themselves. */
const RECURRENT_LAYER_CELLS: Readonly<Record<string, string>> = { SimpleRNN: 'SimpleRNNCell', GRU: 'GRUCell', LSTM: 'LSTMCell' };

/**
 * Builds one cell on inputs of `inputDim` features (the kernels' first axis):
 * SimpleRNNCell `d·u + u·u + u`; GRUCell `3u·(d + u)` plus a `(2, 3u)` bias with `reset_after=True`
 * (separate input and recurrent biases) or `(3u,)` without; LSTMCell `4u·(d + u) + 4u`.
 */
function buildCell(ctx: RuleContext, cell: NestedLayer, inputDim: number): BuiltCell {
    const args = cell.args;
    if (cell.type === 'StackedRNNCells') {
        // `StackedRNNCells.build` feeds each cell the previous cell's output size.
        let weights = NO_WEIGHTS, dim = inputDim, outputSize = inputDim;
        const states: number[] = [];
        for (const inner of cellsOf(ctx, 'cells', cell)) {
            const built = buildCell(ctx, inner, dim);
            weights = addWeights(weights, built);
            states.push(...built.states);
            dim = outputSize = built.outputSize;
        }
        return args.trainable === false
            ? { trainable: 0, nonTrainable: weights.trainable + weights.nonTrainable, outputSize, states }
            : { ...weights, outputSize, states };
    }
    const units = unitsOf(args, cell.type, 'cell');
    const bias = args.use_bias !== false;
    switch (cell.type) {
        case 'SimpleRNNCell':
            return { ...ownWeights(args, inputDim * units + units * units + (bias ? units : 0)), outputSize: units, states: [units] };
        case 'GRUCell': {
            const biasCount = bias ? (args.reset_after !== false ? 6 * units : 3 * units) : 0;
            return { ...ownWeights(args, 3 * units * (inputDim + units) + biasCount), outputSize: units, states: [units] };
        }
        case 'LSTMCell':
            return { ...ownWeights(args, 4 * units * (inputDim + units) + (bias ? 4 * units : 0)), outputSize: units, states: [units, units] };
        default:
            throw new LayerError(`\`${cell.type}\` is not a recurrent cell`);
    }
}

/** A single cell or a list of cells (`RNN([c1, c2])` wraps the list in `StackedRNNCells`). */
function rnnCell(ctx: RuleContext): NestedLayer {
    const cells = cellsOf(ctx, 'cell');
    const value = ctx.args.cell;
    return Array.isArray(value) ? { type: 'StackedRNNCells', args: { cells: value } } : cells[0];
}

/**
 * `RNN.build` raises for `stateful=True` without a static batch size ("When using
 * `stateful=True` in a RNN, the batch size must be static").
 */
function checkStateful(sequences: Shape, ctx: RuleContext): void {
    if (ctx.args.stateful === true && sequences[0] === null) {
        throw new LayerError('`stateful=True` needs a fixed batch size: give the Input a `batch_size` (the batch axis of ' +
            `${formatShape(sequences)} is None)`, { argument: 'stateful' });
    }
}

/**
 * The outputs of a recurrent layer from the shape of one step's output and of its states
 * (batch axis excluded): `(batch, [time,] *step)`, then `(batch, *state)` per state with `return_state`.
 */
function recurrentOutputs(sequences: Shape, step: readonly Dim[], states: readonly (readonly Dim[])[], args: LayerArgs): Shape[] {
    const [batch, steps] = sequences;
    const output = args.return_sequences === true ? [batch, steps, ...step] : [batch, ...step];
    return args.return_state === true ? [output, ...states.map(state => [batch, ...state])] : [output];
}

/** The step input the cell is built on: `(batch, *shape[2:])`; its last axis must be known (kernel rows). */
function stepInputDim(sequences: Shape): number {
    if (sequences.length < 2) {
        throw new LayerError(`expects input of rank ≥ 2 \`(batch, time, …)\`, got \`${formatShape(sequences)}\``, { input: 0 });
    }
    const step = [sequences[0], ...sequences.slice(2)];
    const dim = step[step.length - 1];
    if (dim === null) {
        throw new LayerError(`the feature axis of the input must be known (the cell's kernel has one row per feature), got \`${formatShape(sequences)}\``, { input: 0 });
    }
    return dim;
}

/** `RNN(cell)` and the layers built on it, given how to get the cell. */
function recurrentRule(cellOf: (ctx: RuleContext) => NestedLayer, extra: Partial<LayerRule> = {}): LayerRule {
    const built = (inputs: readonly Shape[], ctx: RuleContext) => buildCell(ctx, cellOf(ctx), stepInputDim(inputs[0]));
    return {
        multiOutput: ctx => ctx.args.return_state === true,
        ...extra,
        checkArgs(ctx) {
            extra.checkArgs?.(ctx);
            cellOf(ctx);
        },
        output(inputs, ctx) {
            const cell = built(inputs, ctx);
            checkStateful(inputs[0], ctx);
            return recurrentOutputs(inputs[0], [cell.outputSize], cell.states.map(s => [s]), ctx.args);
        },
        params: (inputs, ctx) => {
            const { trainable, nonTrainable } = built(inputs, ctx);
            return { trainable, nonTrainable };
        }
    };
}

/** `SimpleRNN`, `GRU`, `LSTM`: `RNN` over their own cell, built from the layer's arguments; `input_spec` is ndim=3. */
function recurrentLayer(cellType: string, extra: Partial<LayerRule> = {}): LayerRule {
    return recurrentRule(ctx => {
        unitsOf(ctx.args, ctx.type);
        return { type: cellType, args: ctx.args };
    }, {
        rank: { ndim: 3, axes: '(batch, time, features)' },
        argRanges: { units: { min: 1 } },
        ...extra
    });
}

/** `use_cudnn` of LSTM/GRU: `__init__` accepts only "auto", True or False. */
const USE_CUDNN = T.union(T.enum('auto'), T.bool);

/**
 * `ConvLSTM1D/2D/3D` (`conv_lstm.py`): the cell convolves each step `(batch, *spatial, channels)`
 * like `Conv{n}D` (same output-length rule, `padding` "valid"/"same" only), and the states have the
 * step's output shape. Weights: kernel `k·C·4f`, recurrent kernel `k·f·4f`, bias `4f`.
 */
function convLstmRule(n: number): LayerRule {
    const spatialNames = ['steps', 'h, w', 'd, h, w'][n - 1];
    const windows = (ctx: RuleContext) => ({
        kernel: tupleOf(ctx.args.kernel_size, n, 'kernel_size'),
        strides: tupleOf(ctx.args.strides, n, 'strides'),
        dilation: tupleOf(ctx.args.dilation_rate, n, 'dilation_rate')
    });
    /** The step's `(spatial, channels)` as `ConvLSTMCell.build` reads them; both must be static. */
    const stepAxes = (sequences: Shape, ctx: RuleContext) => {
        const step = sequences.slice(2);
        const first = ctx.args.data_format === 'channels_first';
        const spatial = first ? step.slice(1) : step.slice(0, -1);
        const channels = first ? step[0] : step[step.length - 1];
        if (spatial.includes(null)) {
            throw new LayerError(`ConvLSTM layers need static spatial dimensions, got \`${formatShape(sequences)}\``, { input: 0 });
        }
        if (channels === null) {
            throw new LayerError(`the channels axis of the input must be known, got \`${formatShape(sequences)}\``, { input: 0 });
        }
        return { spatial: spatial as number[], channels, first };
    };
    return {
        rank: ctx => ({
            ndim: n + 3,
            axes: ctx.args.data_format === 'channels_first' ? `(batch, time, c, ${spatialNames})` : `(batch, time, ${spatialNames}, c)`
        }),
        multiOutput: ctx => ctx.args.return_state === true,
        checkArgs(ctx) {
            const { strides, dilation } = windows(ctx);
            if (Math.max(...strides) > 1 && Math.max(...dilation) > 1) {
                throw new LayerError(`\`strides\` > 1 is not compatible with \`dilation_rate\` > 1, got strides=${formatTuple(strides)} and dilation_rate=${formatTuple(dilation)}`,
                    { argument: 'dilation_rate' });
            }
        },
        output(inputs, ctx) {
            const sequences = inputs[0];
            const { spatial, first } = stepAxes(sequences, ctx);
            const { kernel, strides, dilation } = windows(ctx);
            const padding = ctx.args.padding as string;
            const out = spatial.map((s, i) => convOutputLength(s, kernel[i], padding, strides[i], dilation[i]) as number);
            if (out.some(d => d <= 0)) {
                throw new LayerError(`\`kernel_size\` ${formatTuple(kernel)} (dilation ${formatTuple(dilation)}) is larger than the input ${formatTuple(spatial)} ` +
                    `with padding "${padding}": output size would be ${formatTuple(out)}`, { argument: 'kernel_size' });
            }
            const filters = ctx.args.filters as number;
            const state = first ? [filters, ...out] : [...out, filters];
            checkStateful(sequences, ctx);
            return recurrentOutputs(sequences, state, [state, state], ctx.args);
        },
        params(inputs, ctx) {
            const { channels } = stepAxes(inputs[0], ctx);
            const k = windows(ctx).kernel.reduce((a, b) => a * b, 1);
            const f = ctx.args.filters as number;
            return k * channels * 4 * f + k * f * 4 * f + (ctx.args.use_bias !== false ? 4 * f : 0);
        }
    };
}

/** Recurrent layers `Bidirectional` can wrap: Keras re-creates the layer from its config with `go_backwards=True`. */
function checkRecurrent(layer: NestedLayer, argument: string): void {
    if (!('go_backwards' in layer.args)) {
        throw new LayerError(`\`${argument}\` must be a recurrent layer (LSTM, GRU, SimpleRNN, RNN, ConvLSTM…): Keras builds the backward ` +
            `direction by re-creating it with \`go_backwards=True\`, which \`${layer.type}\` does not take`, { argument });
    }
}

/** The forward and backward layers of a `Bidirectional`, checked like `_verify_layer_config` (`bidirectional.py`). */
function directions(ctx: RuleContext): { forward: NestedLayer; backward: NestedLayer } {
    const forward = ctx.nestedLayer('layer');
    checkRecurrent(forward, 'layer');
    let backward: NestedLayer = { type: forward.type, args: { ...forward.args, go_backwards: true } };
    if (ctx.args.backward_layer != null) {
        backward = ctx.nestedLayer('backward_layer');
        checkRecurrent(backward, 'backward_layer');
    }
    const where = ctx.args.backward_layer != null ? 'backward_layer' : 'layer';
    if (Boolean(forward.args.go_backwards) === Boolean(backward.args.go_backwards)) {
        throw new LayerError(`the forward and backward layers must differ in \`go_backwards\`, both have go_backwards=${forward.args.go_backwards ? 'True' : 'False'}` +
            (where === 'layer' ? ' (the backward copy always has go_backwards=True: leave it False on `layer`)' : ''), { argument: where });
    }
    for (const attribute of ['stateful', 'return_sequences', 'return_state']) {
        if (Boolean(forward.args[attribute]) !== Boolean(backward.args[attribute])) {
            throw new LayerError(`the forward and backward layers must have the same \`${attribute}\`, got ${forward.args[attribute] ? 'True' : 'False'} ` +
                `and ${backward.args[attribute] ? 'True' : 'False'}`, { argument: 'backward_layer' });
        }
    }
    return { forward, backward };
}

/** Runs both directions on the input. */
function bidirectionalResults(inputs: readonly Shape[], ctx: RuleContext): { forward: LayerResult; backward: LayerResult; returnState: boolean } {
    const { forward, backward } = directions(ctx);
    return { forward: ctx.inferNested(forward, inputs), backward: ctx.inferNested(backward, inputs), returnState: forward.args.return_state === true };
}

/** Cell direct calls: `x` is `(batch, features)`, the state `(batch, units)`. */
function checkStepInputs(inputs: readonly Shape[], stateAxes = '(batch, units)'): { x: Shape; state: Shape; features: number } {
    const [x, state] = inputs;
    if (x.length !== 2) throw new LayerError(`a cell takes one time step: expects rank-2 inputs \`(batch, features)\`, got \`${formatShape(x)}\``, { input: 0 });
    if (state.length !== 2) throw new LayerError(`expects a rank-2 state \`${stateAxes}\`, got \`${formatShape(state)}\``, { input: 1 });
    const features = x[1];
    if (features === null) throw new LayerError(`the feature axis of the input must be known, got \`${formatShape(x)}\``, { input: 0 });
    return { x, state, features };
}

/** The state's last axis feeds the recurrent kernel `(units, …)`, so it must equal `units`. */
function checkStateUnits(state: Shape, units: number): void {
    if (state[1] !== units) {
        throw new LayerError(`the state must have \`units\`=${units} features, got \`${formatShape(state)}\``, { input: 1 });
    }
}

/**
 * `SimpleRNNCell` / `GRUCell` called directly as `cell(inputs, states)` with one state tensor
 * `(batch, units)`: one step, returning `(output, new_state)`, both `(batch, units)`.
 */
function singleStateCell(type: string): LayerRule {
    return {
        inputs: Arity.exactly(2),
        argRanges: { units: { min: 1 } },
        multiOutput: true,
        note: 'Called directly, a cell takes `(inputs, states)` positionally: one time step `(batch, features)` and its state.',
        checkArgs: ctx => { unitsOf(ctx.args, type); },
        output(inputs, ctx) {
            const { x, state } = checkStepInputs(inputs);
            const units = unitsOf(ctx.args, type);
            checkStateUnits(state, units);
            if (x[0] !== state[0]) {
                throw new LayerError(`the input and the state must have the same batch size, got \`${formatShape(x)}\` and \`${formatShape(state)}\``, { input: 1 });
            }
            const output = [x[0], units];
            return [output, output];
        },
        params(inputs, ctx) {
            return buildCell(ctx, { type, args: ctx.args }, checkStepInputs(inputs).features);
        }
    };
}

/** Rules of the Keras `rnn` layer group (`keras/src/layers/rnn/`). */
export const rnnRules: Record<string, LayerRule> = {
    RNN: recurrentRule(rnnCell, {
        // `RNN` sets `input_spec = None`: any rank ≥ 2 is built (the cell sees `(batch, *shape[2:])`).
        note: 'Called on one sequence tensor; an `initial_state` is not modelled.'
    }),
    SimpleRNN: recurrentLayer('SimpleRNNCell'),
    GRU: recurrentLayer('GRUCell', { argTypes: { use_cudnn: USE_CUDNN } }),
    LSTM: recurrentLayer('LSTMCell', { argTypes: { use_cudnn: USE_CUDNN } }),

    ConvLSTM1D: convLstmRule(1),
    ConvLSTM2D: convLstmRule(2),
    ConvLSTM3D: convLstmRule(3),

    Bidirectional: {
        argTypes: { merge_mode: T.optional(T.enum('sum', 'mul', 'ave', 'concat')) },
        multiOutput: ctx => {
            try {
                return ctx.args.merge_mode === null || ctx.nestedLayer('layer').args.return_state === true;
            } catch {
                return false;
            }
        },
        checkArgs(ctx) {
            directions(ctx);
        },
        // `compute_output_shape` (bidirectional.py) uses the FORWARD layer's shapes only: "concat"
        // doubles its last axis, None returns it twice, and its states are listed twice (forward's
        // then again for the backward layer) — even when `backward_layer` has other units.
        output(inputs, ctx) {
            const { forward, returnState } = bidirectionalResults(inputs, ctx);
            const [output, ...states] = returnState ? forward.outputs : [forward.outputs[0]];
            const mode = ctx.args.merge_mode as string | null;
            if (mode === null) return [output, output, ...states, ...states];
            const last = output[output.length - 1];
            const merged = mode === 'concat' ? [...output.slice(0, -1), last === null ? null : 2 * last] : output;
            return [merged, ...states, ...states];
        },
        params(inputs, ctx) {
            const { forward, backward } = bidirectionalResults(inputs, ctx);
            return addWeights(forward, backward);
        }
    },

    TimeDistributed: {
        rank: { minNdim: 3, axes: '(batch, time, …)' },
        // `compute_output_shape` (time_distributed.py) applies the layer to `(batch, *shape[2:])`
        // and puts the time axis back after the batch axis.
        output(inputs, ctx) {
            const [batch, steps, ...rest] = inputs[0];
            const inner = ctx.inferNested(ctx.nestedLayer('layer'), [[batch, ...rest]]);
            if (inner.outputs.length !== 1) {
                throw new LayerError(`\`layer\` must have a single output, \`${ctx.nestedLayer('layer').type}\` has ${inner.outputs.length}`, { argument: 'layer' });
            }
            const [innerBatch, ...innerRest] = inner.outputs[0];
            return [innerBatch, steps, ...innerRest];
        },
        params(inputs, ctx) {
            const [batch, , ...rest] = inputs[0];
            const { trainable, nonTrainable } = ctx.inferNested(ctx.nestedLayer('layer'), [[batch, ...rest]]);
            return { trainable, nonTrainable };
        }
    },

    SimpleRNNCell: singleStateCell('SimpleRNNCell'),
    GRUCell: singleStateCell('GRUCell'),

    /*
     * `LSTMCell.call(inputs, states)` reads `h, c = states[0], states[1]`. Called directly on one
     * state tensor `(batch, units)` (a model file cannot write the list `[h, c]`), Keras indexes that
     * tensor's BATCH axis: rows 0 and 1 become h and c, broadcast over the batch. So it is accepted
     * when the state's batch is unknown or ≥ 2, and returns `(h, [h, c])`: three `(batch, units)`.
     */
    LSTMCell: {
        inputs: Arity.exactly(2),
        argRanges: { units: { min: 1 } },
        multiOutput: true,
        note: 'Called directly, a cell takes `(inputs, states)` positionally. LSTMCell needs the states [h, c]; given ONE state tensor, ' +
            'Keras takes its first two rows (batch axis) as h and c — almost surely not what is meant: use `RNN(LSTMCell(…))` or `LSTM`.',
        checkArgs: ctx => { unitsOf(ctx.args, 'LSTMCell'); },
        output(inputs, ctx) {
            const { x, state } = checkStepInputs(inputs, '(batch ≥ 2, units)');
            const units = unitsOf(ctx.args, 'LSTMCell');
            checkStateUnits(state, units);
            if (state[0] !== null && state[0] < 2) {
                throw new LayerError(`LSTMCell reads h and c as \`states[0]\` and \`states[1]\`; a single state tensor \`${formatShape(state)}\` has only ` +
                    `${state[0]} row — pass the cell to \`RNN\` instead`, { input: 1 });
            }
            const output = [x[0], units];
            return [output, output, output];
        },
        params(inputs, ctx) {
            return buildCell(ctx, { type: 'LSTMCell', args: ctx.args }, checkStepInputs(inputs).features);
        }
    },

    /*
     * `StackedRNNCells.call(inputs, states)` zips the cells with `states`. Called directly on one
     * state tensor, that zip runs over the tensor's batch axis: cell i gets `[state[i]]`, a single
     * `(units,)` row. Only `SimpleRNNCell` handles that (GRUCell slices `[:, …]` and LSTMCell reads a
     * second state: both raise IndexError); the result is `(output, new_states)`, with the list of
     * new states collapsed to one tensor for a single pair.
     */
    StackedRNNCells: {
        inputs: Arity.exactly(2),
        multiOutput: true,
        note: 'Called directly, it takes `(inputs, states)` positionally; with one state tensor only SimpleRNNCell stacks work. Use `RNN([cells…])`.',
        checkArgs(ctx) {
            cellsOf(ctx, 'cells');
        },
        output(inputs, ctx) {
            const { x, state } = checkStepInputs(inputs, '(batch, units)');
            const cells = cellsOf(ctx, 'cells');
            const bad = cells.find(c => c.type !== 'SimpleRNNCell');
            if (bad) {
                throw new LayerError(`called on one state tensor, each cell gets one row of it as its state list, which \`${bad.type}\` cannot use ` +
                    '(Keras raises IndexError) — wrap the cells in `RNN([…])`', { argument: 'cells' });
            }
            // zip(cells, states) stops at the shorter: a known state batch smaller than the stack applies fewer cells.
            const applied = state[0] === null ? cells.length : Math.min(cells.length, state[0]);
            const outputs: Shape[] = [];
            for (const cell of cells.slice(0, applied)) {
                const units = unitsOf(cell.args, cell.type, 'cells');
                checkStateUnits(state, units);
                outputs.push([x[0], units]);
            }
            const last = outputs[outputs.length - 1];
            return outputs.length === 1 ? [last, last] : [last, ...outputs];
        },
        params(inputs, ctx) {
            const { trainable, nonTrainable } = buildCell(ctx, { type: 'StackedRNNCells', args: ctx.args }, checkStepInputs(inputs).features);
            return { trainable, nonTrainable };
        }
    }
};
