import type { LayerCase } from '../layer-case.js';

/** Configurations of the Keras `regularization` layers for the differential suite. */
export const regularizationCases: LayerCase[] = [];
