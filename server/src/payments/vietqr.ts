/**
 * The VietQR payload for a bank transfer (NAPAS's profile of the EMVCo merchant-presented QR
 * code): TLV fields (2-digit id, 2-digit length, value), the beneficiary's bank BIN and
 * account under the NAPAS GUID, the amount in VND, the transfer's content (the payment's
 * transaction reference, so that the transfer can be matched), and a CRC-16/CCITT-FALSE over
 * everything before it. Any Vietnamese banking app scans it and fills the transfer.
 */
import { crc16ccitt } from 'crc';

/** Where transfers go: the collecting unit's account (MOTCUA_VIETQR_BIN, _ACCOUNT, _NAME). */
export interface BankAccount {
  /** The bank's 6-digit BIN (e.g. 970415 VietinBank). */
  bin: string;
  account: string;
  /** The account holder's name, shown by the app (not part of the payload). */
  name?: string;
}

/** NAPAS's application id in field 38. */
const NAPAS_GUID = 'A000000727';
/** Transfer to an account (as opposed to a card: QRIBFTTC). */
const TO_ACCOUNT = 'QRIBFTTA';

function tlv(id: string, value: string): string {
  if (value.length > 99) throw new RangeError(`VietQR field ${id} is longer than 99 characters`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/** The CRC of field 63: CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) in 4 upper-case hex digits. */
export function emvCrc(data: string): string {
  return crc16ccitt(Buffer.from(data, 'utf8')).toString(16).toUpperCase().padStart(4, '0');
}

/**
 * The payload for a transfer of `amount` VND to `to`, with `content` as the transfer's
 * description (letters, digits and spaces only: banks drop the rest; at most 25 characters).
 */
export function vietQrPayload(to: BankAccount, amount: number, content: string): string {
  if (!/^\d{6}$/.test(to.bin)) throw new RangeError('The bank BIN has 6 digits');
  if (!/^[0-9A-Za-z]{1,19}$/.test(to.account)) throw new RangeError('The account number has 1 to 19 letters or digits');
  if (!Number.isInteger(amount) || amount <= 0 || amount > 9_999_999_999_999) throw new RangeError('The amount is a positive whole number of VND');
  const purpose = content.replace(/[^0-9A-Za-z ]/g, '').slice(0, 25);
  const body =
    tlv('00', '01') +
    tlv('01', '12') + // dynamic: this amount, this payment
    tlv('38', tlv('00', NAPAS_GUID) + tlv('01', tlv('00', to.bin) + tlv('01', to.account)) + tlv('02', TO_ACCOUNT)) +
    tlv('53', '704') + // VND
    tlv('54', String(amount)) +
    tlv('58', 'VN') +
    tlv('62', tlv('08', purpose));
  const withCrcId = `${body}6304`;
  return withCrcId + emvCrc(withCrcId);
}

/** Parses a TLV string into its fields (for tests and for reading a scanned code). */
export function parseTlv(s: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < s.length) {
    const id = s.slice(i, i + 2);
    const len = Number(s.slice(i + 2, i + 4));
    if (!/^\d{2}$/.test(id) || !Number.isInteger(len)) throw new SyntaxError(`Bad TLV at ${i}`);
    out.set(id, s.slice(i + 4, i + 4 + len));
    i += 4 + len;
  }
  return out;
}
