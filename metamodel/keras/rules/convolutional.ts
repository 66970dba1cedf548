import type { LayerRule } from '../layer-rule.js';

/** Rules of the Keras `convolutional` layer group (`keras/src/layers/convolutional/`). */
export const convolutionalRules: Record<string, LayerRule> = {};
