/**
 * The `sweep` extension of DeepForge: the `.sweep` language (hyperparameter searches over
 * `.dfp` pipelines) and the `deepforge sweep run|report` commands.
 */
import { defineExtension } from 'deepforge-ts';
import { SweepLanguage } from './sweep-language.js';

export { SweepLanguage } from './sweep-language.js';
export type { SweepServices } from './sweep-module.js';
export { expand, expandGrid, expandRandom, overridesOf, type Configuration } from './plan/configurations.js';
export { sweepPlan, type SweepPlan } from './plan/sweep-plan.js';

export default defineExtension({
    name: 'deepforge-sweep',
    languages: [SweepLanguage]
});
