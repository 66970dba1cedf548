import type { LayerRule } from '../layer-rule.js';

/** Rules of the Keras `rnn` layer group (`keras/src/layers/rnn/`). */
export const rnnRules: Record<string, LayerRule> = {};
