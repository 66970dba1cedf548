import type { LayerRule } from '../layer-rule.js';

/** Rules of the Keras `preprocessing` layer group (`keras/src/layers/preprocessing/`). */
export const preprocessingRules: Record<string, LayerRule> = {};
