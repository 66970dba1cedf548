import { T } from '../../../core/index.js';
import type { LayerRule, RuleContext } from '../../layer-rule.js';
import { checkWindowFits, convOutputLength, dataFormatOf, formatShape, LayerError, type Dim } from '../../shape.js';

/**
 * Rules of the Keras audio preprocessing layers: MelSpectrogram
 * (`keras/src/layers/preprocessing/mel_spectrogram.py`) and STFTSpectrogram
 * (`keras/src/layers/preprocessing/stft_spectrogram.py`).
 */

/**
 * Window names `scipy.signal.get_window(name, 1)` accepts without parameters — what
 * `STFTSpectrogram.__init__` checks a string `window` against (listed from scipy 1.17).
 */
const SCIPY_WINDOWS: readonly string[] = [
    'bart', 'barthann', 'bartlett', 'bkh', 'black', 'blackharr', 'blackman', 'blackmanharris', 'blk', 'bman', 'bmn',
    'bohman', 'box', 'boxcar', 'brt', 'brthan', 'bth', 'cosine', 'exponential', 'flat', 'flattop', 'flt', 'halfcosine',
    'ham', 'hamm', 'hamming', 'han', 'hann', 'lanczos', 'nut', 'nutl', 'nuttall', 'ones', 'par', 'parz', 'parzen',
    'poisson', 'rect', 'rectangular', 'sinc', 'taylor', 'taylorwin', 'tri', 'triang', 'triangle', 'tuk', 'tukey'
];

/** STFTSpectrogram's derived sizes: `frame_step` defaults to half a frame, `fft_length` to the next power of two. */
function stftSizes(ctx: RuleContext): { frameLength: number; frameStep: number; fftLength: number } {
    const frameLength = ctx.args.frame_length as number;
    const frameStep = (ctx.args.frame_step as number | null) ?? Math.floor(frameLength / 2);
    const fftLength = (ctx.args.fft_length as number | null) ?? 2 ** Math.ceil(Math.log2(frameLength));
    return { frameLength, frameStep, fftLength };
}

export const audioPreprocessingRules: Record<string, LayerRule> = {
    /**
     * `(batch, samples)` → `(batch, num_mel_bins, frames)` with Keras' symbolic frame count
     * `(samples + sequence_stride + 1) // sequence_stride`; only axes 0 and 1 are read, and a
     * rank-1 input is one unbatched signal. No weights (the mel matrix is computed in `call`).
     */
    MelSpectrogram: {
        argTypes: { fft_length: T.int, sequence_stride: T.int, sequence_length: T.optional(T.int), num_mel_bins: T.int },
        argRanges: { sequence_stride: { min: 1 }, fft_length: { min: 1 } },
        checkArgs(ctx) {
            const fft = ctx.args.fft_length as number;
            const length = (ctx.args.sequence_length as number | null) || fft;
            if (fft < length) {
                throw new LayerError(`\`fft_length\` (${fft}) must be ≥ \`sequence_length\` (${length})`, { argument: 'sequence_length' });
            }
        },
        output(inputs, ctx) {
            const shape = inputs[0];
            const stride = ctx.args.sequence_stride as number;
            const bins = ctx.args.num_mel_bins as number;
            const frames = (t: Dim): Dim => (t === null ? null : Math.floor((t + stride + 1) / stride));
            return shape.length === 1 ? [bins, frames(shape[0])] : [shape[0], bins, frames(shape[1])];
        }
    },

    /**
     * A strided 1-D convolution with DFT kernels over `(batch, time, channels)`: each channel
     * gives `fft_length // 2 + 1` frequency bins (twice that in `stft` mode, real and imaginary
     * parts). `build` adds a real and an imaginary kernel of `(frame_length, 1, fft_length//2 + 1)`
     * (one of them in `real`/`imag` mode); they are trainable weights unless `trainable=False`.
     */
    STFTSpectrogram: {
        argTypes: {
            mode: T.enum('log', 'magnitude', 'psd', 'real', 'imag', 'angle', 'stft'),
            frame_length: T.int,
            frame_step: T.optional(T.int),
            fft_length: T.optional(T.int),
            window: T.any,
            scaling: T.optional(T.enum('density', 'spectrum')),
            padding: T.enum('valid', 'same'),
            expand_dims: T.bool,
            periodic: T.bool
        },
        argRanges: { frame_length: { min: 1 } },
        rank: ctx => ({ ndim: 3, axes: dataFormatOf(ctx.args) === 'channels_last' ? '(batch, time, channels)' : '(batch, channels, time)' }),
        checkArgs(ctx) {
            const frameLength = ctx.args.frame_length as number;
            const step = ctx.args.frame_step as number | null;
            if (step != null && (step > frameLength || step < 1)) {
                throw new LayerError(`\`frame_step\` must be in [1, frame_length=${frameLength}], got ${step}`, { argument: 'frame_step' });
            }
            const fft = ctx.args.fft_length as number | null;
            if (fft != null && fft < frameLength) {
                throw new LayerError(`\`fft_length\` (${fft}) must be ≥ \`frame_length\` (${frameLength})`, { argument: 'fft_length' });
            }
            const window = ctx.args.window;
            if (typeof window === 'string' && !SCIPY_WINDOWS.includes(window)) {
                throw new LayerError(`unknown \`window\` "${window}" (scipy.signal.get_window names such as "hann", "hamming", "blackman")`,
                    { argument: 'window' });
            }
        },
        output(inputs, ctx) {
            const shape = inputs[0];
            const channelsLast = dataFormatOf(ctx.args) === 'channels_last';
            const channels = shape[channelsLast ? 2 : 1];
            const time = shape[channelsLast ? 1 : 2];
            if (channels === null) {
                throw new LayerError(`the channels axis of the input ${formatShape(shape)} must be known`, { input: 0 });
            }
            const { frameLength, frameStep, fftLength } = stftSizes(ctx);
            const freq = (Math.floor(fftLength / 2) + 1) * (ctx.args.mode === 'stft' ? 2 : 1);
            const frames = convOutputLength(time, frameLength, ctx.args.padding as string, frameStep);
            checkWindowFits([frames], [time], [frameLength], 'frame_length');
            if (ctx.args.expand_dims === true) {
                return channelsLast ? [shape[0], frames, freq, channels] : [shape[0], channels, frames, freq];
            }
            return channelsLast ? [shape[0], frames, freq * channels] : [shape[0], freq * channels, frames];
        },
        params(_inputs, ctx) {
            const { frameLength, fftLength } = stftSizes(ctx);
            const kernels = (ctx.args.mode !== 'imag' ? 1 : 0) + (ctx.args.mode !== 'real' ? 1 : 0);
            return kernels * frameLength * (Math.floor(fftLength / 2) + 1);
        }
    }
};
