import type { LayerRule } from '../layer-rule.js';

/** Rules of the Keras `regularization` layer group (`keras/src/layers/regularization/`). */
export const regularizationRules: Record<string, LayerRule> = {};
