/** The median of the values (NaN for none). */
export const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** What a figure is held to: at most `value`, described as `text`. */
export interface BenchTarget {
  readonly value: number;
  readonly text: string;
}

/**
 * Prints one figure in the benches' common form:
 * `bench NAME: VALUE UNIT (floor F UNIT, ratio R, target T: met|not met)`, the floor measured in the same run.
 */
export function report(name: string, value: number, unit: string, floor: number, target: BenchTarget): void {
  const ratio = floor > 0 ? value / floor : NaN;
  const digits = unit === 's' || unit === '×' ? 2 : 1;
  const met = value <= target.value ? 'met' : 'not met';
  console.log(`bench ${name}: ${value.toFixed(digits)} ${unit} (floor ${floor.toFixed(digits)} ${unit}, ratio ${ratio.toFixed(2)}, target ${target.text}: ${met})`);
}
