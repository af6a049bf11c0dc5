import { CompactSign, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { RefusalError } from 'motcua/engine';
import { DOCUMENT_JWS_TYPE, type DocumentRow, type ResultDocument } from './document';
import { signDocument } from './sign';
import { verifyDocumentJws, type VerifyDeps } from './verify';

const NOW = Date.parse('2026-03-02T09:00:00+07:00');

const DOC: ResultDocument = {
  id: 'KQ-2026-00000001-ABCDEF',
  document: 'birth-certificate',
  procedure: { code: '1.001193', version: '1.0.0' },
  case: 'c1',
  outcome: 'approved',
  holder: { id: 'cit-1', nationalId: '001090000001' },
  issuer: { unit: 'hk', level: 'commune' },
  issuedAt: new Date(NOW).toISOString(),
  data: { child: { fullName: 'Trần Minh An' } },
};

let keys: Awaited<ReturnType<typeof generateKeyPair>>;
beforeAll(async () => {
  keys = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
});

function deps(rows: Record<string, Partial<DocumentRow>> = {}, now = NOW): VerifyDeps {
  return {
    keyOf: (kid) => Promise.resolve(kid === 'k1' ? keys.publicKey : undefined),
    findDocument: (id) => Promise.resolve(rows[id] as DocumentRow | undefined),
    now,
  };
}

async function code(jws: string, d: VerifyDeps = deps()): Promise<string> {
  try {
    await verifyDocumentJws(jws, d);
    return 'valid';
  } catch (err) {
    if (err instanceof RefusalError) {
      expect(err.status).toBe(422);
      expect(err.hint).toBeTruthy();
      return err.code;
    }
    throw err;
  }
}

const sign = (payload: unknown, header: Record<string, unknown> = {}) =>
  new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'EdDSA', kid: 'k1', typ: DOCUMENT_JWS_TYPE, ...header }).sign(keys.privateKey);

describe('verifyDocumentJws', () => {
  it('answers a genuine document in force with its payload and key id', async () => {
    const jws = await signDocument(DOC, { kid: 'k1', privateKey: keys.privateKey });
    await expect(verifyDocumentJws(jws, deps())).resolves.toEqual({ valid: true, status: 'valid', kid: 'k1', document: DOC });
    // Surrounding whitespace (a copy-paste) is forgiven.
    expect(await code(`  ${jws}\n`)).toBe('valid');
  });

  it('names what is wrong with the form of the JWS', async () => {
    expect(await code('')).toBe('E_JWS_MALFORMED');
    expect(await code('a.b')).toBe('E_JWS_MALFORMED');
    expect(await code('a.b.c.d')).toBe('E_JWS_MALFORMED');
    expect(await code('a+b.c.d')).toBe('E_JWS_MALFORMED');
    expect(await code(`${Buffer.from('not json').toString('base64url')}.e30.c2ln`)).toBe('E_JWS_MALFORMED');
    const hs = `${Buffer.from(JSON.stringify({ alg: 'HS256', kid: 'k1', typ: DOCUMENT_JWS_TYPE })).toString('base64url')}.e30.c2ln`;
    expect(await code(hs)).toBe('E_JWS_MALFORMED');
    expect(await code(await sign(DOC, { typ: 'JWT' }))).toBe('E_JWS_NOT_A_DOCUMENT');
    expect(await code(await sign(DOC, { kid: 'k2' }))).toBe('E_JWS_UNKNOWN_KEY');
    // Genuinely signed, but not a result document.
    expect(await code(await sign({ hello: 'world' }))).toBe('E_JWS_MALFORMED');
  });

  it('refuses a revoked or expired document, valid until the instant itself', async () => {
    const jws = await signDocument({ ...DOC, validUntil: new Date(NOW + 1000).toISOString() }, { kid: 'k1', privateKey: keys.privateKey });
    expect(await code(jws, deps({}, NOW + 1000))).toBe('valid');
    expect(await code(jws, deps({}, NOW + 1001))).toBe('E_DOCUMENT_EXPIRED');
    expect(await code(jws, deps({ [DOC.id]: { status: 'revoked', valid_until: null } }))).toBe('E_DOCUMENT_REVOKED');
  });

  it('calls an issued signature on a changed payload tampered, naming the fields; anything else a bad signature', async () => {
    const jws = await signDocument(DOC, { kid: 'k1', privateKey: keys.privateKey });
    const [header, , signature] = jws.split('.');
    const issued = { [DOC.id]: { jws, payload: JSON.stringify(DOC), status: 'valid', valid_until: null, id: DOC.id } };
    const changed = `${header}.${Buffer.from(JSON.stringify({ ...DOC, holder: { ...DOC.holder, nationalId: '001090000002' } })).toString('base64url')}.${signature}`;
    await expect(verifyDocumentJws(changed, deps(issued))).rejects.toMatchObject({ code: 'E_DOCUMENT_TAMPERED', details: [{ path: 'document.holder.nationalId' }] });
    // Not issued here (no row), or another signature: no claim about the stored document.
    expect(await code(changed, deps())).toBe('E_JWS_BAD_SIGNATURE');
    const other = `${changed.slice(0, changed.lastIndexOf('.'))}.${(signature ?? '').split('').reverse().join('')}`;
    expect(await code(other, deps(issued))).toBe('E_JWS_BAD_SIGNATURE');
  });
});
