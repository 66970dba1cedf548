import type { LayerCase } from '../layer-case.js';

/** Configurations of the Keras `preprocessing` layers for the differential suite. */
export const preprocessingCases: LayerCase[] = [];
