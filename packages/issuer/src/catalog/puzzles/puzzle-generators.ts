import { gridPathPuzzle } from './grid-path-puzzle.js';
import type { PuzzleGenerator } from './puzzle-generator.js';
import { robotWalkPuzzle } from './robot-walk-puzzle.js';
import { runLengthPuzzle } from './run-length-puzzle.js';
import { sumDivisiblePuzzle } from './sum-divisible-puzzle.js';
import { wordFrequencyPuzzle } from './word-frequency-puzzle.js';

/**
 * Every puzzle generator, by the name a catalogue file gives in a puzzle task's `generator`.
 * A name, once published, keeps its generator: changing one would change every learner's input.
 */
export const puzzleGenerators = {
  'sum-divisible': sumDivisiblePuzzle,
  'word-frequency': wordFrequencyPuzzle,
  'run-length': runLengthPuzzle,
  'robot-walk': robotWalkPuzzle,
  'grid-path': gridPathPuzzle,
} as const satisfies Record<string, PuzzleGenerator>;

/** The name of a puzzle generator. */
export type PuzzleGeneratorName = keyof typeof puzzleGenerators;

/** The generator names, for the catalogue schema. */
export const puzzleGeneratorNames = Object.keys(puzzleGenerators) as [
  PuzzleGeneratorName,
  ...PuzzleGeneratorName[],
];
