import type { LayerCase } from '../layer-case.js';

/** Configurations of the Keras `activations` layers for the differential suite. */
export const activationCases: LayerCase[] = [];
