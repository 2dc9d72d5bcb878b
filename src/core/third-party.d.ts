/**
 * Type declarations for library entry points that tsconfig's `moduleResolution: "node"` cannot see:
 * pure-rand publishes its subpaths only through package.json "exports".
 * Only the members Crossbench uses are declared.
 */
declare module "pure-rand/generator/xoroshiro128plus" {
  import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
  export function xoroshiro128plus(seed: number): RandomGenerator;
}

declare module "pure-rand/distribution/uniformFloat64" {
  import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
  /** A double uniformly drawn from [0, 1) with 53 random bits; advances `rng` in place. */
  export function uniformFloat64(rng: RandomGenerator): number;
}

declare module "pure-rand/types/RandomGenerator" {
  export interface RandomGenerator {
    clone(): RandomGenerator;
    next(): number;
    getState(): readonly number[];
  }
}
