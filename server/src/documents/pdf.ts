/**
 * A result document as a PDF (bản điện tử để in): the same facts as the signed JSON, in
 * Vietnamese with exact diacritics (DejaVu Sans, a Unicode TrueType font shipped by the
 * `dejavu-fonts-ttf` package, embedded and subset by pdfkit), and a QR code that opens the
 * public verification page of this document. The PDF itself carries no signature: what
 * proves it is the verification page (or the JWS), which says whether the number and its
 * check code are genuine and in force.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DocumentStatus, ResultDocument } from 'motcua/contract';
import { valueText } from 'motcua/engine';

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT = join(FONT_DIR, 'DejaVuSans.ttf');
const FONT_BOLD = join(FONT_DIR, 'DejaVuSans-Bold.ttf');

/** One labelled value of the document's data, as printed. */
export interface PdfField {
  label: string;
  value: string;
}

export interface PdfInput {
  document: ResultDocument;
  status: DocumentStatus;
  /** The document type's name to print as the title (else the type id). */
  title?: string;
  /** The case's data as labelled lines (see {@link dataFields}). */
  fields: readonly PdfField[];
  /** The public verification page's URL, encoded in the QR code and printed under it. */
  verifyUrl: string;
}

/** At most this many data lines are printed, each value cut at {@link MAX_VALUE} characters: a form's data is bounded, a printout too. */
const MAX_FIELDS = 60;
const MAX_VALUE = 300;

/**
 * The case's data as labelled lines: nested objects are walked, each leaf labelled with its
 * JSON Schema `title` when the schema gives one (else its path), its value as a citizen reads
 * it (the engine's `valueText`: dates dd/mm/yyyy, Có/Không, coded values in Vietnamese).
 */
export function dataFields(data: Record<string, unknown>, schema: unknown): PdfField[] {
  const out: PdfField[] = [];
  const walk = (value: unknown, node: unknown, path: string[]): void => {
    if (out.length >= MAX_FIELDS) return;
    const s = (node && typeof node === 'object' ? node : {}) as { title?: unknown; properties?: Record<string, unknown> };
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, s.properties?.[k], [...path, k]);
      return;
    }
    if (value === undefined || value === null || value === '') return;
    const text = valueText(value) || JSON.stringify(value);
    const label = typeof s.title === 'string' && s.title ? s.title : path.join('.');
    out.push({ label, value: text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text });
  };
  walk(data, schema, []);
  return out;
}

/** `dd/mm/yyyy` in Vietnam's time (UTC+7). */
export function vnDate(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3600 * 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/**
 * Renders the PDF. pdfkit and qrcode (with fontkit, brotli and their tables: about 0.1 s of a
 * start) are loaded on the first PDF asked for, not when the server starts.
 */
export async function renderDocumentPdf(input: PdfInput): Promise<Buffer> {
  const [{ default: PDFDocument }, { default: QRCode }] = await Promise.all([import('pdfkit'), import('qrcode')]);
  const d = input.document;
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `${input.title ?? d.document} ${d.id}`, Author: d.issuer.name ?? d.issuer.unit, Subject: d.procedure.name ?? d.procedure.code, CreationDate: new Date(d.issuedAt) },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont('body', FONT);
  pdf.registerFont('bold', FONT_BOLD);
  const width = pdf.page.width - 112;

  pdf.font('bold').fontSize(11).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { align: 'center' });
  pdf.font('bold').fontSize(10).text('Độc lập - Tự do - Hạnh phúc', { align: 'center' });
  pdf.moveDown(0.5);
  pdf.font('body').fontSize(10).text(d.issuer.name ?? d.issuer.unit, { align: 'center' });
  pdf.moveDown(1.2);
  pdf.font('bold').fontSize(16).text((input.title ?? d.document).toUpperCase(), { align: 'center' });
  pdf.font('body').fontSize(10).text(`Số: ${d.id}`, { align: 'center' });
  if (input.status !== 'valid') {
    pdf.moveDown(0.5);
    pdf.font('bold').fontSize(12).fillColor('#b00020').text(input.status === 'revoked' ? 'ĐÃ BỊ THU HỒI (REVOKED)' : 'HẾT HIỆU LỰC (EXPIRED)', { align: 'center' }).fillColor('black');
  }
  pdf.moveDown(1);

  const line = (label: string, value: string): void => {
    pdf.font('bold').fontSize(10).text(`${label}: `, { continued: true, width }).font('body').text(value, { width });
  };
  line('Người được cấp', d.holder.name ?? d.holder.id);
  if (d.holder.nationalId) line('Số định danh cá nhân', d.holder.nationalId);
  line('Thủ tục', `${d.procedure.name ?? ''} (${d.procedure.code})`.trim());
  line('Hồ sơ', d.case);
  line('Cơ quan cấp', d.issuer.name ?? d.issuer.unit);
  line('Ngày cấp', vnDate(d.issuedAt));
  line('Hiệu lực đến', d.validUntil ? vnDate(d.validUntil) : 'Không thời hạn');
  if (input.fields.length) {
    pdf.moveDown(0.8);
    pdf.font('bold').fontSize(11).text('Nội dung');
    pdf.moveDown(0.3);
    for (const f of input.fields) line(f.label, f.value);
  }

  // The QR code, drawn as vector squares (no raster image): the verification page's URL.
  const qr = QRCode.create(input.verifyUrl, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const cell = 3;
  const y0 = Math.max(pdf.y + 24, pdf.page.height - 56 - (size + 8) * cell - 40);
  if (y0 + (size + 8) * cell + 40 > pdf.page.height - 56) pdf.addPage();
  const top = Math.min(y0, pdf.page.height - 56 - (size + 8) * cell - 40);
  const left = 56;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) if (qr.modules.get(r, c)) pdf.rect(left + c * cell, top + r * cell, cell, cell);
  }
  pdf.fill('black');
  pdf.font('body').fontSize(9).text('Quét mã QR hoặc mở địa chỉ dưới đây để kiểm tra giấy tờ này còn hiệu lực (Scan to verify):', left + size * cell + 16, top, { width: width - size * cell - 16 });
  // The address on one line under the code, across the page: it is copied or typed whole.
  pdf.fontSize(7).fillColor('#1a4f8b').text(input.verifyUrl, left, top + size * cell + 8, { width, link: input.verifyUrl, lineBreak: false }).fillColor('black');
  pdf.end();
  return done;
}
