import type { LayerRule } from '../layer-rule.js';

/** Rules of the Keras `reshaping` layer group (`keras/src/layers/reshaping/`). */
export const reshapingRules: Record<string, LayerRule> = {};
