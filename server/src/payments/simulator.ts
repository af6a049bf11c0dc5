/**
 * The built-in payment gateway simulator, for demos and tests: it plays the gateway's part
 * of the protocol with the merchant's secret. Its payment page checks the signed request and
 * offers to pay, cancel or fail; the choice sends the signed IPN (in process, as the gateway
 * would over the network) and redirects the browser to the signed return URL. Disabled when
 * a real gateway is configured (MOTCUA_PAYMENT_GATEWAY_URL).
 */
import { randomInt } from 'node:crypto';
import type { PaymentConfig } from '../config';
import { gatewayDate, type PaymentService } from './service';
import { toQuery, verify, withSignature } from './signature';

/** What the citizen chose on the simulator's page. */
export const SIMULATOR_CHOICES = ['pay', 'cancel', 'fail'] as const;
export type SimulatorChoice = (typeof SIMULATOR_CHOICES)[number];

const RESPONSE: Record<SimulatorChoice, string> = { pay: '00', cancel: '24', fail: '51' };

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The signed IPN (and return) parameters the gateway sends for `request` and the citizen's choice. */
export function gatewayAnswer(request: Record<string, string>, choice: SimulatorChoice, secret: string, now: number): Record<string, string> {
  const code = RESPONSE[choice];
  return withSignature(
    {
      vnp_TmnCode: request.vnp_TmnCode ?? '',
      vnp_Amount: request.vnp_Amount ?? '',
      vnp_TxnRef: request.vnp_TxnRef ?? '',
      vnp_OrderInfo: request.vnp_OrderInfo ?? '',
      vnp_BankCode: 'SIMBANK',
      vnp_CardType: 'ATM',
      vnp_PayDate: gatewayDate(now),
      vnp_ResponseCode: code,
      vnp_TransactionStatus: code === '00' ? '00' : '02',
      vnp_TransactionNo: String(randomInt(10_000_000, 99_999_999)),
    },
    secret,
  );
}

/** The simulator's payment page for a signed request, or its error page. */
export function simulatorPage(request: Record<string, string> | undefined, config: PaymentConfig): { status: number; html: string } {
  if (!request || !verify(request, config.secret) || request.vnp_TmnCode !== config.merchant) {
    return { status: 400, html: page('Yêu cầu thanh toán không hợp lệ', '<p class="bad">Chữ ký của yêu cầu không hợp lệ (invalid signature). Không có khoản nào bị trừ.</p>') };
  }
  const amount = Number(request.vnp_Amount) / 100;
  const hidden = Object.entries(request).map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`).join('');
  const body = `
    <p class="muted">Cổng thanh toán giả lập (payment gateway simulator), chỉ dùng để thử nghiệm.</p>
    <dl>
      <dt>Đơn vị nhận (merchant)</dt><dd>${escape(request.vnp_TmnCode ?? '')}</dd>
      <dt>Nội dung</dt><dd>${escape(request.vnp_OrderInfo ?? '')}</dd>
      <dt>Mã giao dịch</dt><dd><code>${escape(request.vnp_TxnRef ?? '')}</code></dd>
      <dt>Số tiền</dt><dd><strong data-testid="sim-amount">${new Intl.NumberFormat('vi-VN').format(amount)} ₫</strong></dd>
    </dl>
    <form method="post" action="/api/payments/simulator/complete">${hidden}
      <button name="choice" value="pay" class="primary">Thanh toán (Pay)</button>
      <button name="choice" value="cancel">Hủy giao dịch (Cancel)</button>
      <button name="choice" value="fail">Giả lập lỗi (Fail)</button>
    </form>`;
  return { status: 200, html: page('Thanh toán trực tuyến', body) };
}

/** Carries out the citizen's choice: the IPN to the merchant, then where to send the browser. */
export async function completeSimulated(form: Record<string, string>, payments: PaymentService, config: PaymentConfig, now: number): Promise<{ status: number; html?: string; location?: string }> {
  const { choice, ...request } = form;
  if (!SIMULATOR_CHOICES.includes(choice as SimulatorChoice) || !verify(request, config.secret)) {
    return { status: 400, html: page('Yêu cầu thanh toán không hợp lệ', '<p class="bad">Yêu cầu không hợp lệ (invalid request).</p>') };
  }
  const answer = gatewayAnswer(request, choice as SimulatorChoice, config.secret, now);
  await payments.notify(answer);
  return { status: 303, location: `${request.vnp_ReturnUrl ?? '/'}?${toQuery(answer)}` };
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1d2733}h1{color:#005baa}.muted{color:#5b6675}.bad{color:#b00020}dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem}dt{color:#5b6675}button{font:inherit;padding:.6rem 1rem;margin:.3rem .3rem 0 0;border-radius:6px;border:1px solid #9aa5b1;background:#fff;cursor:pointer}button.primary{background:#005baa;color:#fff;border-color:#005baa}</style>
</head><body><h1>${escape(title)}</h1>${body}</body></html>`;
}
