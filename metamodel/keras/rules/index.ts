import type { LayerRule } from '../layer-rule.js';
import { activationRules } from './activations.js';
import { attentionRules } from './attention.js';
import { convolutionalRules } from './convolutional.js';
import { coreRules } from './core.js';
import { mergingRules } from './merging.js';
import { normalizationRules } from './normalization.js';
import { poolingRules } from './pooling.js';
import { preprocessingRules } from './preprocessing.js';
import { regularizationRules } from './regularization.js';
import { reshapingRules } from './reshaping.js';
import { rnnRules } from './rnn.js';

/** Shape and parameter rules of every Keras layer, by canonical class name (one file per Keras layer group). */
export const LAYER_RULES: Readonly<Record<string, LayerRule>> = {
    ...coreRules,
    ...convolutionalRules,
    ...poolingRules,
    ...reshapingRules,
    ...mergingRules,
    ...activationRules,
    ...regularizationRules,
    ...rnnRules,
    ...normalizationRules,
    ...attentionRules,
    ...preprocessingRules
};
