import type { LayerCase } from '../layer-case.js';

/** Configurations of the Keras `convolutional` layers for the differential suite. */
export const convolutionalCases: LayerCase[] = [];
