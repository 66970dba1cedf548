import type { LayerRule } from '../layer-rule.js';

/** Rules of the Keras `attention` layer group (`keras/src/layers/attention/`). */
export const attentionRules: Record<string, LayerRule> = {};
