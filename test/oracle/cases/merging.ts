import type { LayerCase } from '../layer-case.js';

/** Configurations of the Keras `merging` layers for the differential suite. */
export const mergingCases: LayerCase[] = [];
