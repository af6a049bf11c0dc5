import { describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { dueState, formatDateTime, formatDuration, formatNumber, formatVnd } from './format';

describe('format', () => {
  it('formats VND with Vietnamese grouping', () => {
    expect(formatVnd(100000)).toBe('100.000 ₫');
  });
  it('formats durations', () => {
    expect(formatDuration({ value: 3, unit: 'working-day' })).toBe('3 ngày làm việc');
    expect(formatDuration({ value: 0, unit: 'working-day' })).toBe('Trong ngày làm việc');
  });
  it('follows a change of language (formatters are kept per locale)', async () => {
    expect(formatNumber(12345)).toBe('12.345');
    try {
      await setLanguage('en');
      expect(formatNumber(12345)).toBe('12,345');
      expect(formatVnd(100000)).toBe('₫100,000');
    } finally {
      await setLanguage('vi');
    }
    expect(formatNumber(12345)).toBe('12.345');
    expect(formatVnd(100000)).toBe('100.000 ₫');
  });
  it('shows instants in Vietnam time', () => {
    expect(formatDateTime('2026-02-13T10:00:00Z')).toBe('13/02/2026 17:00');
    expect(formatDateTime(undefined)).toBe('—');
  });
});

describe('dueState', () => {
  const now = new Date('2026-02-13T10:00:00Z');
  it('prefers the server flags', () => {
    expect(dueState({ due: '2030-01-01T00:00:00Z', overdue: true }, now)).toBe('overdue');
    expect(dueState({ due: '2030-01-01T00:00:00Z', overdue: false, dueSoon: true }, now)).toBe('due-soon');
    expect(dueState({ due: '2020-01-01T00:00:00Z', overdue: false, dueSoon: false }, now)).toBe('on-track');
  });
  it('computes from the due instant without flags', () => {
    expect(dueState({ due: '2026-02-13T09:00:00Z' }, now)).toBe('overdue');
    expect(dueState({ due: '2026-02-13T12:00:00Z' }, now)).toBe('due-soon');
    expect(dueState({ due: '2026-02-20T12:00:00Z' }, now)).toBe('on-track');
    expect(dueState({}, now)).toBe('none');
  });
});
