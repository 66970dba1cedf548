import type { LayerCase } from '../layer-case.js';

/** Configurations of the Keras `core` layers for the differential suite. */
export const coreCases: LayerCase[] = [
    { id: 'Dense', layer: 'Dense', args: [8], inputs: [[6]] },
    { id: 'Dense_rank3_nobias', layer: 'Dense', args: [4], kwargs: { use_bias: false }, inputs: [[5, 8]] },
    { id: 'Dense_units0', layer: 'Dense', args: [0], inputs: [[6]] },
    { id: 'Dense_units_float', layer: 'Dense', kwargs: { units: 4.5 }, inputs: [[6]] },
    { id: 'Dense_rank1', layer: 'Dense', args: [4], inputs: [[]] },
    { id: 'Dense_two_inputs', layer: 'Dense', args: [4], inputs: [[6], [6]] }
];
