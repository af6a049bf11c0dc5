/**
 * Online payments: the gateway protocol (signature.ts), the payment service (service.ts),
 * the built-in gateway simulator (simulator.ts), VietQR transfers (vietqr.ts) and refunds
 * (refunds.ts).
 */
export { activePaymentStep, gatewayDate, gatewayParams, PaymentService, type CallbackOutcome, type IpnAnswer, type PaymentServiceOptions } from './service';
export { HASH_PARAM, sign, signedData, toQuery, verify, withSignature } from './signature';
export { completeSimulated, gatewayAnswer, simulatorPage, SIMULATOR_CHOICES, type SimulatorChoice } from './simulator';
export { emvCrc, parseTlv, vietQrPayload, type BankAccount } from './vietqr';
export { refundOnRejection } from './refunds';
