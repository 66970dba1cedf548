import type { LayerRule } from '../layer-rule.js';

/** Rules of the Keras `normalization` layer group (`keras/src/layers/normalization/`). */
export const normalizationRules: Record<string, LayerRule> = {};
