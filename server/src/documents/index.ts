/**
 * Signed result documents and the citizen's data wallet: the outbox consumer that issues
 * them, their JWS signature and verification, the wallet source later procedures read.
 */
export { DOCUMENT_JWS_TYPE, DOCUMENT_STATUSES, checkCode, verifyPath, documentNumber, statusOf, toView, type DocumentRow, type DocumentStatus, type DocumentView, type ResultDocument } from './document';
export { drainOutbox, startOutboxConsumer, type DrainReport, type OutboxConsumerOptions } from './outbox-consumer';
export { issueResult, type IssueDeps, type IssueResultEffect } from './issue';
export { issuerUnit, type UnitNode } from './issuer-unit';
export { signDocument } from './sign';
export { verifyDocumentJws, type VerifiedDocument, type VerifyDeps } from './verify';
export { DocumentStore } from './store';
export { WALLET_SOURCE, latestKey, publishToWallet, walletKeys, walletRecord, withdrawFromWallet, type WalletRecord } from './wallet-source';
export { checkDocument, documentPdf, verifyUrl } from './printout';
export { dataFields, renderDocumentPdf, type PdfField, type PdfInput } from './pdf';
