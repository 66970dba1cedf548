import type { LayerCase } from '../layer-case.js';

/** Configurations of the Keras `attention` layers for the differential suite. */
export const attentionCases: LayerCase[] = [];
