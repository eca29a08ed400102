/**
 * Property tests run the same cases on every machine: a fixed seed, like the fixed clock. A
 * failure prints its counterexample; change the seed locally to explore further.
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: 20_261_125 });
