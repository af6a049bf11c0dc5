/**
 * The signature of Vietnamese payment gateways' redirects and notifications (VNPay's
 * pattern): the parameters except the hash itself, sorted by name, URL-encoded (`+` for a
 * space) and joined as a query string, then HMAC-SHA512 with the merchant's secret, in hex.
 * Both directions use it: the merchant signs the payment request it redirects the citizen
 * with, the gateway signs its return redirect and its IPN (server-to-server notification).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The parameter carrying the signature; never part of what is signed. */
export const HASH_PARAM = 'vnp_SecureHash';
/** Sent by some gateways beside the hash; not signed either. */
const HASH_TYPE_PARAM = 'vnp_SecureHashType';

/** The string that is signed: sorted `name=value` pairs, URL-encoded, `&`-joined. */
export function signedData(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((k) => k !== HASH_PARAM && k !== HASH_TYPE_PARAM && params[k] !== '')
    .sort()
    .map((k) => `${encode(k)}=${encode(params[k] ?? '')}`)
    .join('&');
}

function encode(s: string): string {
  return encodeURIComponent(s).replace(/%20/g, '+');
}

/** HMAC-SHA512 of {@link signedData} in hex. */
export function sign(params: Readonly<Record<string, string>>, secret: string): string {
  return createHmac('sha512', secret).update(signedData(params), 'utf8').digest('hex');
}

/** `params` plus their signature. */
export function withSignature(params: Readonly<Record<string, string>>, secret: string): Record<string, string> {
  return { ...params, [HASH_PARAM]: sign(params, secret) };
}

/** Whether `params` carry a valid signature (compared in constant time). */
export function verify(params: Readonly<Record<string, string>>, secret: string): boolean {
  const given = params[HASH_PARAM];
  if (typeof given !== 'string' || !/^[0-9a-fA-F]{128}$/.test(given)) return false;
  const expected = Buffer.from(sign(params, secret), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

/** A query string of `params` (for the redirect URLs). */
export function toQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${encode(k)}=${encode(params[k] ?? '')}`)
    .join('&');
}
