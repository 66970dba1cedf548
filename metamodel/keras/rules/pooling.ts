import type { LayerRule } from '../layer-rule.js';

/** Rules of the Keras `pooling` layer group (`keras/src/layers/pooling/`). */
export const poolingRules: Record<string, LayerRule> = {};
