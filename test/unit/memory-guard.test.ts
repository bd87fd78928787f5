import { describe, expect, it } from 'vitest';
import { getHeapStatistics } from 'node:v8';
import { AppError, EXIT } from '../../src/domain/errors.ts';
import {
  checkHeapFor,
  FREE_GROWTH_PEAK_PER_EMPLOYEE,
  heapGrowthFor,
  heapGrowthGivenByUser,
  LEAST_HEAP_PER_EMPLOYEE,
} from '../../src/pipeline/memory.ts';

describe('checkHeapFor: a roster too large for the heap stops at once', () => {
  const limit = 4096 * 2 ** 20;

  it('lets a roster through up to the limit at the least heap per employee', () => {
    expect(() => checkHeapFor(Math.floor(limit / LEAST_HEAP_PER_EMPLOYEE), 'en', limit)).not.toThrow();
    expect(() => checkHeapFor(1_000_000, 'en', limit)).not.toThrow();
  });

  it('refuses one past it with a usage error that says how much heap to give (en, id)', () => {
    const n = Math.floor(limit / LEAST_HEAP_PER_EMPLOYEE) + 1;
    let err: unknown;
    try {
      checkHeapFor(n, 'en', limit);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).exitCode).toBe(EXIT.usage);
    expect((err as AppError).message).toBe('4,194,305 employees need more than the 4096 MB of heap this process may use; the run would abort partway.');
    // 4,194,305 × 3 KB = 12.0000029 GB → 13 whole GB.
    expect((err as AppError).hint).toContain('NODE_OPTIONS=--max-old-space-size=13312 appraise run');
    expect(() => checkHeapFor(n, 'id', limit)).toThrow('4.194.305 pegawai memerlukan lebih dari 4096 MB memori heap');
  });

  it("reads this process's own limit by default", () => {
    const own = getHeapStatistics().heap_size_limit;
    expect(() => checkHeapFor(Math.floor(own / LEAST_HEAP_PER_EMPLOYEE), 'en')).not.toThrow();
    expect(() => checkHeapFor(Math.ceil(own / LEAST_HEAP_PER_EMPLOYEE) + 1, 'en')).toThrow(AppError);
  });
});

describe('heapGrowthFor: memory for time only where the heap limit leaves room', () => {
  const limit = 4144 * 2 ** 20; // V8's limit on a 24 GB machine

  it("gives N = 100,000 V8's own growth and N = 1,000,000 bounded growth", () => {
    expect(heapGrowthFor(100_000, limit)).toBe('v8');
    expect(heapGrowthFor(1_000_000, limit)).toBe('bounded');
  });

  it('bounds from where the peak under free growth passes half the limit', () => {
    const last = Math.floor(limit / 2 / FREE_GROWTH_PEAK_PER_EMPLOYEE);
    expect(heapGrowthFor(last, limit)).toBe('v8');
    expect(heapGrowthFor(last + 1, limit)).toBe('bounded');
  });

  it('bounds smaller rosters on a machine with a smaller heap limit', () => {
    expect(heapGrowthFor(100_000, 2048 * 2 ** 20)).toBe('bounded');
  });
});

describe('heapGrowthGivenByUser: a growth the user chose is kept', () => {
  it('sees the option in node options or NODE_OPTIONS, in either spelling', () => {
    expect(heapGrowthGivenByUser(['--heap-growing-percent=30'], '')).toBe(true);
    expect(heapGrowthGivenByUser([], '--max-old-space-size=3500 --heap_growing_percent=20')).toBe(true);
    expect(heapGrowthGivenByUser(['--max-semi-space-size=64'], '--max-old-space-size=3500')).toBe(false);
    expect(heapGrowthGivenByUser([], '')).toBe(false);
  });
});
