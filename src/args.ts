/** One argument parser for the CLI, the benchmarks and the tools: node's util.parseArgs, strict, with short messages. */
import { parseArgs } from 'node:util';

export class ArgumentError extends Error {}

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;
type Values<S extends OptionSpec> = { [K in keyof S]?: S[K]['type'] extends 'boolean' ? boolean : string };

/** The options and positionals of `argv`; an unknown option, a missing value or an extra positional is an ArgumentError. */
export function parseArguments<S extends OptionSpec>(argv: string[], options: S, maxPositionals = 0): { values: Values<S>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    if (positionals.length > maxPositionals) throw new ArgumentError(`unknown argument "${positionals[maxPositionals]}"`);
    return { values: values as Values<S>, positionals };
  } catch (error) {
    if (error instanceof ArgumentError) throw error;
    // util.parseArgs explains at length; its first sentence says what is wrong.
    throw new ArgumentError((error as Error).message.split(/\.\s/)[0].replace(/\.$/, ''));
  }
}

/** A whole number of at least `min`, or an ArgumentError naming the option. */
export function wholeNumber(value: string | undefined, option: string, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new ArgumentError(`${option} needs a whole number ≥ ${min}`);
  return n;
}
