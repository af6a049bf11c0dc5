import { describe, expect, it } from 'vitest';
import { emvCrc, parseTlv, vietQrPayload } from './vietqr';
import { sign, signedData, verify, withSignature } from './signature';

describe('VietQR payload', () => {
  it('uses CRC-16/CCITT-FALSE (its published check value)', () => {
    expect(emvCrc('123456789')).toBe('29B1');
  });

  it('carries the bank, account, amount in VND and reference in EMVCo TLV fields, closed by a matching CRC', () => {
    const payload = vietQrPayload({ bin: '970415', account: '113366668888' }, 8000, 'TTABC123');
    const fields = parseTlv(payload);
    expect(fields.get('00')).toBe('01');
    expect(fields.get('01')).toBe('12');
    const merchant = parseTlv(fields.get('38')!);
    expect(merchant.get('00')).toBe('A000000727');
    expect(Object.fromEntries(parseTlv(merchant.get('01')!))).toEqual({ '00': '970415', '01': '113366668888' });
    expect(merchant.get('02')).toBe('QRIBFTTA');
    expect(fields.get('53')).toBe('704');
    expect(fields.get('54')).toBe('8000');
    expect(fields.get('58')).toBe('VN');
    expect(parseTlv(fields.get('62')!).get('08')).toBe('TTABC123');
    expect(payload.slice(-8, -4)).toBe('6304');
    expect(fields.get('63')).toBe(emvCrc(payload.slice(0, -4)));
  });

  it('refuses a bad BIN, account or amount', () => {
    expect(() => vietQrPayload({ bin: '97041', account: '1' }, 1, 'x')).toThrow(RangeError);
    expect(() => vietQrPayload({ bin: '970415', account: '1-2' }, 1, 'x')).toThrow(RangeError);
    expect(() => vietQrPayload({ bin: '970415', account: '12' }, 0, 'x')).toThrow(RangeError);
  });
});

describe('gateway signature (HMAC-SHA512 over the sorted parameters)', () => {
  it('signs the sorted, URL-encoded parameters without the hash, and any change breaks it', () => {
    expect(signedData({ vnp_b: '2', vnp_a: 'x y', vnp_SecureHash: 'zz', vnp_c: '' })).toBe('vnp_a=x+y&vnp_b=2');
    const signed = withSignature({ vnp_TxnRef: 'TT1', vnp_Amount: '800000' }, 'secret');
    expect(signed.vnp_SecureHash).toBe(sign({ vnp_Amount: '800000', vnp_TxnRef: 'TT1' }, 'secret'));
    expect(verify(signed, 'secret')).toBe(true);
    expect(verify({ ...signed, vnp_Amount: '800001' }, 'secret')).toBe(false);
    expect(verify(signed, 'other')).toBe(false);
    expect(verify({ ...signed, vnp_SecureHash: 'abc' }, 'secret')).toBe(false);
  });
});
