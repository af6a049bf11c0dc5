/**
 * Pays what a case owes as a citizen does: starts the payment, then chooses "pay" on the
 * built-in gateway simulator's page, which sends the signed IPN. Answers the case afterwards.
 */
export async function payOnline(baseUrl: string, token: string, caseId: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const auth = { Authorization: `Bearer ${token}` };
  const started = await fetch(`${baseUrl}/api/cases/${encodeURIComponent(caseId)}/payments`, { method: 'POST', headers: auth });
  const body = (await started.json()) as { redirectUrl?: string };
  if (started.status !== 201 || !body.redirectUrl) return { status: started.status, body };
  const request = Object.fromEntries(new URL(body.redirectUrl).searchParams);
  const done = await fetch(`${baseUrl}/api/payments/simulator/complete`, { method: 'POST', body: new URLSearchParams({ ...request, choice: 'pay' }), redirect: 'manual' });
  if (done.status !== 303) throw new Error(`the simulator answered ${done.status}`);
  const kase = await fetch(`${baseUrl}/api/cases/${encodeURIComponent(caseId)}`, { headers: auth });
  return { status: kase.status, body: (await kase.json()) as Record<string, unknown> };
}
