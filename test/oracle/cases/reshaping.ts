import type { LayerCase } from '../layer-case.js';

/** Configurations of the Keras `reshaping` layers for the differential suite. */
export const reshapingCases: LayerCase[] = [];
