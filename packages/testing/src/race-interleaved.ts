/** One contender of {@link raceInterleaved}. */
export interface RaceContender {
  name: string;
  /** Does some work: one unit, or as many as the number it resolves to. */
  operation: () => unknown;
}

/** A contender's rate: the median of its rounds, and the slowest and fastest round. */
export interface RaceFigure {
  name: string;
  perSecond: number;
  slowest: number;
  fastest: number;
}

/** Options of {@link raceInterleaved}. */
export interface RaceOptions {
  rounds: number;
  /** Default 1. */
  secondsPerRound?: number;
  /** Calls of each contender before timing starts. Default 50. */
  warmupCalls?: number;
  /** Width of the name column in the printed lines. Default 64. */
  nameWidth?: number;
}

const format = (rate: number): string => Math.round(rate).toLocaleString('en');

/**
 * Times each contender in `rounds` interleaved rounds of `secondsPerRound`, prints a line per
 * contender and returns each one's median rate. Interleaving matters on a shared machine: its
 * speed drifts over seconds, and a ratio of two medians taken side by side drifts far less than
 * a ratio of two figures taken one after the other.
 *
 * @example
 * ```ts
 * const [baseline, ours] = await raceInterleaved(
 *   [{ name: 'baseline', operation: baselineCall }, { name: 'ours', operation: ourCall }],
 *   { rounds: 7 },
 * );
 * ```
 */
export async function raceInterleaved(
  contenders: readonly RaceContender[],
  options: RaceOptions,
): Promise<RaceFigure[]> {
  const { rounds, secondsPerRound = 1, warmupCalls = 50, nameWidth = 64 } = options;
  for (const { operation } of contenders) {
    for (let call = 0; call < warmupCalls; call++) await operation();
  }
  const rates = contenders.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, { operation }] of contenders.entries()) {
      let units = 0;
      const started = performance.now();
      // The clock is read every ten calls, so reading it costs little beside the cheapest call.
      while (performance.now() - started < secondsPerRound * 1000) {
        for (let batch = 0; batch < 10; batch++) {
          const done = await operation();
          units += typeof done === 'number' ? done : 1;
        }
      }
      rates[index]?.push(units / ((performance.now() - started) / 1000));
    }
  }
  return contenders.map(({ name }, index) => {
    const sorted = [...(rates[index] ?? [])].sort((a, b) => a - b);
    const figure = {
      name,
      perSecond: sorted[Math.floor(sorted.length / 2)] ?? 0,
      slowest: sorted[0] ?? 0,
      fastest: sorted.at(-1) ?? 0,
    };
    console.log(
      `  ${name.padEnd(nameWidth)} ${format(figure.perSecond).padStart(7)} /s  (rounds ${format(figure.slowest)}–${format(figure.fastest)})`,
    );
    return figure;
  });
}
