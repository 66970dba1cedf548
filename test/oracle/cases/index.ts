import type { LayerCase } from '../layer-case.js';
import { activationCases } from './activations.js';
import { attentionCases } from './attention.js';
import { convolutionalCases } from './convolutional.js';
import { coreCases } from './core.js';
import { mergingCases } from './merging.js';
import { normalizationCases } from './normalization.js';
import { poolingCases } from './pooling.js';
import { preprocessingCases } from './preprocessing.js';
import { regularizationCases } from './regularization.js';
import { reshapingCases } from './reshaping.js';
import { rnnCases } from './rnn.js';

/** Every layer configuration of the differential suite, by Keras layer group. */
export const ALL_LAYER_CASES: LayerCase[] = [
    ...coreCases, ...convolutionalCases, ...poolingCases, ...reshapingCases, ...mergingCases, ...activationCases,
    ...regularizationCases, ...rnnCases, ...normalizationCases, ...attentionCases, ...preprocessingCases
];
