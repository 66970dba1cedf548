import type { LayerCase } from '../layer-case.js';

/** Configurations of the Keras `rnn` layers for the differential suite. */
export const rnnCases: LayerCase[] = [];
