import type { Linter } from 'eslint';

/** Layer rules as a flat-config array (see eslint.layers.config.js). */
export declare const layerRules: Linter.Config[];
