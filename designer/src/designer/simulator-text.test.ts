import { describe, expect, it } from 'vitest';
import { i18next, setLanguage } from '../i18n';
import vi from '../i18n/locales/vi/simulator.json';
import { failureText, refusalText } from './simulator-text';
import { scenarioFileName } from './simulator-library';

/** A `t` over the Vietnamese texts, as i18next interpolates them. */
const t = (key: string, params: Record<string, unknown> = {}): string => {
  const text = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], vi);
  if (typeof text !== 'string') return typeof params.defaultValue === 'string' ? params.defaultValue : key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k]));
};
const base = { file: 'a.test.yaml', line: 12, column: 9, step: 2 };

describe('the simulator\'s reasons in Vietnamese', () => {
  it('says which expectation does not hold, with values in words', () => {
    expect(failureText(t, { ...base, message: 'expect.fees does not hold', field: 'fees', expected: 15000, actual: 0 })).toBe('Bước 3 (dòng 12): mong đợi tổng phí là 15.000 ₫, nhưng thực tế là 0 ₫');
    expect(failureText(t, { ...base, message: 'expect.status does not hold', field: 'status', expected: 'done', actual: 'processing' })).toBe('Bước 3 (dòng 12): mong đợi tình trạng là đã giải quyết, nhưng thực tế là đang xử lý');
    expect(failureText(t, { ...base, message: 'x', field: 'components.to-khai', expected: 'replaced', actual: 'missing' })).toContain('thành phần hồ sơ «to-khai» là thay bằng dữ liệu quốc gia');
  });

  it('names a refusal by its code in words', () => {
    expect(failureText(t, { ...base, message: 'the submit was refused', field: 'error', expected: 'no refusal', actual: 'E_MISSING_COMPONENTS: Missing: a' })).toBe('Bước 3 (dòng 12): thao tác bị từ chối: còn thiếu giấy tờ bắt buộc (E_MISSING_COMPONENTS)');
    expect(failureText(t, { ...base, message: 'x', field: 'error', expected: 'E_FORBIDDEN', actual: 'accepted (no refusal)' })).toBe('Bước 3 (dòng 12): mong đợi bị từ chối với mã E_FORBIDDEN, nhưng không bị từ chối');
    expect(refusalText(t, 'E_SOMETHING_NEW', 'boom')).toBe('lỗi E_SOMETHING_NEW: boom');
  });

  it("reads a runtime refusal the simulator's table lacks with the server errors' text (lib/error-text), never the English message", async () => {
    await setLanguage('vi');
    await i18next.loadNamespaces('errors');
    const text = refusalText(t, 'E_NOT_WAITING', "The case does not wait in step 'sign'");
    expect(text).toBe(`${i18next.t('errors:code.E_NOT_WAITING')} (‘sign’) (E_NOT_WAITING)`);
    expect(text).not.toContain('does not wait');
  });

  it('names a new scenario file from its case name, never over another', () => {
    expect(scenarioFileName('Chạy thử bằng tay', [])).toBe('chay-thu-bang-tay.test.yaml');
    expect(scenarioFileName('Chạy thử bằng tay', ['chay-thu-bang-tay.test.yaml'])).toBe('chay-thu-bang-tay-2.test.yaml');
    expect(scenarioFileName('Đơn', [])).toBe('don.test.yaml');
  });
});
