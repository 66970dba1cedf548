import type { LayerCase } from '../layer-case.js';

/** Configurations of the Keras `normalization` layers for the differential suite. */
export const normalizationCases: LayerCase[] = [];
