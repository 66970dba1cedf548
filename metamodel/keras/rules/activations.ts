import type { LayerRule } from '../layer-rule.js';

/** Rules of the Keras `activations` layer group (`keras/src/layers/activations/`). */
export const activationRules: Record<string, LayerRule> = {};
