import type { LayerRule } from '../layer-rule.js';

/** Rules of the Keras `merging` layer group (`keras/src/layers/merging/`). */
export const mergingRules: Record<string, LayerRule> = {};
