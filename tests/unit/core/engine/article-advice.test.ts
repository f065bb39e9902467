import { describe, expect, it } from 'vitest';
import { type AdviceLane, articleAdvice } from '../../../../src/core/engine/article-advice';

const lane = (name: string, activation: AdviceLane['activation'], testScore: number, deadPercent: number[] = [0]): AdviceLane => ({ name, activation, testScore, deadPercent });
const relu = (score: number, dead: number[] = [0]) => lane('ReLU', { kind: 'relu' }, score, dead);
const leaky = (score: number) => lane('Leaky', { kind: 'leaky_relu', alpha: 0.01 }, score);
const prelu = (score: number) => lane('PReLU', { kind: 'prelu', alpha: 0.25, perNeuron: false }, score);

describe("the article's recommendation, checked against the lanes", () => {
  it('stays with ReLU when it trains and few neurons are dead', () => {
    const a = articleAdvice([relu(0.8, [2]), leaky(0.81), prelu(0.805)], 20_000)!;
    expect(a.verdict).toBe('stay');
    expect(a.lines[0]).toBe('ReLU at step 20,000: 80.0% test accuracy, 2% of its worst layer dead; Leaky ReLU: 81.0%.');
    expect(a.lines[1]).toContain('"Start with ReLU" holds here: it did not stall (1.0 points behind Leaky ReLU, under 5)');
    expect(a.lines[2]).toBe('"PReLU to squeeze out a bit more" does not hold here: 0.5 points behind Leaky ReLU (80.5%).');
  });

  it('switches when ReLU stalls 5 points or more behind', () => {
    const a = articleAdvice([relu(0.7), leaky(0.75)], 100)!;
    expect(a.verdict).toBe('switch');
    expect(a.lines[1]).toBe('"Switch to Leaky ReLU" applies here: ReLU is 5.0 points behind Leaky ReLU.');
    expect(a.lines).toHaveLength(2);
  });

  it('switches when more than 10% of a ReLU layer is dead, even at equal accuracy', () => {
    const a = articleAdvice([relu(0.9, [3, 10.5]), leaky(0.9), prelu(0.92)], 100)!;
    expect(a.verdict).toBe('switch');
    expect(a.lines[1]).toBe('"Switch to Leaky ReLU" applies here: 11% of a ReLU layer outputs constant 0.');
    expect(a.lines[2]).toBe('"PReLU to squeeze out a bit more": 2.0 points over Leaky ReLU (92.0%).');
  });

  it('exactly 10% dead is not "many"; ReLU ahead is said as ahead', () => {
    const a = articleAdvice([relu(0.85, [10]), leaky(0.8)], 10)!;
    expect(a.verdict).toBe('stay');
    expect(a.lines[1]).toContain('5.0 points ahead of Leaky ReLU');
  });

  it('says nothing without a ReLU and a leaky lane, or before anything is measured', () => {
    expect(articleAdvice([leaky(0.8), prelu(0.8)], 10)).toBeNull();
    expect(articleAdvice([relu(0.8), lane('Leaky 0', { kind: 'leaky_relu', alpha: 0 }, 0.8)], 10)).toBeNull();
    expect(articleAdvice([relu(Number.NaN), leaky(0.8)], 0)).toBeNull();
  });
});
