import type { LayerCase } from '../layer-case.js';

/** Configurations of the Keras `pooling` layers for the differential suite. */
export const poolingCases: LayerCase[] = [];
