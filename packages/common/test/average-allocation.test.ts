import fc from 'fast-check';
import { allocateAveragely, allocateAveragelyByCircle } from '../src/rebalance/average-allocation';

const split = fc.record({ items: fc.integer({ min: 0, max: 40 }), consumers: fc.integer({ min: 1, max: 12 }) });

describe.each([
  ['allocateAveragely', allocateAveragely],
  ['allocateAveragelyByCircle', allocateAveragelyByCircle],
] as const)('%s', (_name, allocate) => {
  it('gives every item to exactly one consumer, and no consumer two more than another', () => {
    fc.assert(
      fc.property(split, ({ items, consumers }) => {
        const all = Array.from({ length: items }, (_, index) => index);
        const slices = Array.from({ length: consumers }, (_, index) => allocate(all, index, consumers));
        expect(slices.flat().sort((a, b) => a - b)).toEqual(all);
        const sizes = slices.map((slice) => slice.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

it("matches Java's layouts for 8 queues and 3 consumers", () => {
  const all = [0, 1, 2, 3, 4, 5, 6, 7];
  expect([0, 1, 2].map((index) => allocateAveragely(all, index, 3))).toEqual([[0, 1, 2], [3, 4, 5], [6, 7]]);
  expect([0, 1, 2].map((index) => allocateAveragelyByCircle(all, index, 3))).toEqual([[0, 3, 6], [1, 4, 7], [2, 5]]);
});
