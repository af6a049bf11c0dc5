/**
 * Writes `procedures/catalogues/units.yaml`: the org units of the two-level government after
 * Resolution 202/2025/QH15 (34 provincial units from 2025-07-01) and a modest set of communes.
 *
 * Communes: a few real ones (best-known names; checked against no official list here, so a
 * reviewer should confirm them against the provincial resolutions on commune arrangement) and,
 * for every province, generated ones marked `generated: true` so tests and demos have a
 * commune in each province. Run: `npx tsx scripts/generate-units.ts`.
 */
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

interface Unit {
  id: string;
  name: string;
  level: 'commune' | 'province' | 'ministry';
  parent?: string;
  generated?: boolean;
}

/** The 34 provincial units: [name, merged from (comment only)]. The first 6 are cities. */
const PROVINCES: [string, string][] = [
  ['Thành phố Hà Nội', 'unchanged'],
  ['Thành phố Huế', 'unchanged'],
  ['Thành phố Hải Phòng', 'Hải Dương + Hải Phòng'],
  ['Thành phố Đà Nẵng', 'Quảng Nam + Đà Nẵng'],
  ['Thành phố Hồ Chí Minh', 'Bà Rịa - Vũng Tàu + Bình Dương + Hồ Chí Minh'],
  ['Thành phố Cần Thơ', 'Sóc Trăng + Hậu Giang + Cần Thơ'],
  ['Tỉnh Lai Châu', 'unchanged'],
  ['Tỉnh Điện Biên', 'unchanged'],
  ['Tỉnh Sơn La', 'unchanged'],
  ['Tỉnh Lạng Sơn', 'unchanged'],
  ['Tỉnh Quảng Ninh', 'unchanged'],
  ['Tỉnh Thanh Hóa', 'unchanged'],
  ['Tỉnh Nghệ An', 'unchanged'],
  ['Tỉnh Hà Tĩnh', 'unchanged'],
  ['Tỉnh Cao Bằng', 'unchanged'],
  ['Tỉnh Tuyên Quang', 'Hà Giang + Tuyên Quang'],
  ['Tỉnh Lào Cai', 'Yên Bái + Lào Cai'],
  ['Tỉnh Thái Nguyên', 'Bắc Kạn + Thái Nguyên'],
  ['Tỉnh Phú Thọ', 'Vĩnh Phúc + Hòa Bình + Phú Thọ'],
  ['Tỉnh Bắc Ninh', 'Bắc Giang + Bắc Ninh'],
  ['Tỉnh Hưng Yên', 'Thái Bình + Hưng Yên'],
  ['Tỉnh Ninh Bình', 'Hà Nam + Nam Định + Ninh Bình'],
  ['Tỉnh Quảng Trị', 'Quảng Bình + Quảng Trị'],
  ['Tỉnh Quảng Ngãi', 'Kon Tum + Quảng Ngãi'],
  ['Tỉnh Gia Lai', 'Bình Định + Gia Lai'],
  ['Tỉnh Khánh Hòa', 'Ninh Thuận + Khánh Hòa'],
  ['Tỉnh Lâm Đồng', 'Đắk Nông + Bình Thuận + Lâm Đồng'],
  ['Tỉnh Đắk Lắk', 'Phú Yên + Đắk Lắk'],
  ['Tỉnh Đồng Nai', 'Bình Phước + Đồng Nai'],
  ['Tỉnh Tây Ninh', 'Long An + Tây Ninh'],
  ['Tỉnh Vĩnh Long', 'Bến Tre + Trà Vinh + Vĩnh Long'],
  ['Tỉnh Đồng Tháp', 'Tiền Giang + Đồng Tháp'],
  ['Tỉnh Cà Mau', 'Bạc Liêu + Cà Mau'],
  ['Tỉnh An Giang', 'Kiên Giang + An Giang'],
];

/** Real commune-level units (xã, phường, đặc khu) by province name, best-known names. */
const REAL_COMMUNES: Record<string, string[]> = {
  'Thành phố Hà Nội': ['Phường Hoàn Kiếm', 'Phường Cửa Nam', 'Phường Ba Đình', 'Phường Ngọc Hà', 'Phường Giảng Võ', 'Phường Hai Bà Trưng', 'Phường Đống Đa', 'Phường Cầu Giấy', 'Phường Tây Hồ', 'Xã Sóc Sơn', 'Xã Ba Vì'],
  'Thành phố Huế': ['Phường Thuận Hóa', 'Phường Phú Xuân'],
  'Thành phố Hải Phòng': ['Phường Hồng Bàng', 'Phường Lê Chân', 'Phường Hải Dương', 'Đặc khu Cát Hải', 'Đặc khu Bạch Long Vĩ'],
  'Thành phố Đà Nẵng': ['Phường Hải Châu', 'Phường Hòa Cường', 'Phường Thanh Khê', 'Phường Sơn Trà', 'Phường Hội An', 'Đặc khu Hoàng Sa'],
  'Thành phố Hồ Chí Minh': ['Phường Sài Gòn', 'Phường Tân Định', 'Phường Bến Thành', 'Phường Cầu Ông Lãnh', 'Phường Thủ Đức', 'Phường Vũng Tàu', 'Phường Thủ Dầu Một', 'Xã Cần Giờ', 'Đặc khu Côn Đảo'],
  'Thành phố Cần Thơ': ['Phường Ninh Kiều', 'Phường Cái Khế'],
  'Tỉnh Quảng Ninh': ['Phường Hạ Long', 'Đặc khu Vân Đồn', 'Đặc khu Cô Tô'],
  'Tỉnh Khánh Hòa': ['Phường Nha Trang', 'Đặc khu Trường Sa'],
  'Tỉnh An Giang': ['Phường Long Xuyên', 'Phường Rạch Giá', 'Đặc khu Phú Quốc'],
  'Tỉnh Lâm Đồng': ['Phường Xuân Hương - Đà Lạt', 'Đặc khu Phú Quý'],
  'Tỉnh Quảng Trị': ['Đặc khu Cồn Cỏ'],
  'Tỉnh Quảng Ngãi': ['Đặc khu Lý Sơn'],
  'Tỉnh Gia Lai': ['Phường Quy Nhơn', 'Phường Pleiku'],
};

/** Generated communes per province (fictional names, `generated: true`). */
const GENERATED_PER_PROVINCE = 3;

/** "Thành phố Hồ Chí Minh" -> "ho-chi-minh"; strips the unit-type prefix and diacritics. */
export function slug(name: string): string {
  return name
    .replace(/^(Thành phố|Tỉnh|Phường|Xã|Đặc khu)\s+/u, '')
    .replace(/[đĐ]/gu, 'd')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function build(): Unit[] {
  const units: Unit[] = [
    { id: 'ministry-of-justice', name: 'Bộ Tư pháp', level: 'ministry' },
    { id: 'ministry-of-public-security', name: 'Bộ Công an', level: 'ministry' },
    { id: 'ministry-of-finance', name: 'Bộ Tài chính', level: 'ministry' },
    { id: 'ministry-of-health', name: 'Bộ Y tế', level: 'ministry' },
    { id: 'ministry-of-home-affairs', name: 'Bộ Nội vụ', level: 'ministry' },
    { id: 'ministry-of-agriculture-and-environment', name: 'Bộ Nông nghiệp và Môi trường', level: 'ministry' },
    { id: 'ministry-of-construction', name: 'Bộ Xây dựng', level: 'ministry' },
  ];
  for (const [province] of PROVINCES) {
    const pid = slug(province);
    units.push({ id: pid, name: province, level: 'province' });
    for (const commune of REAL_COMMUNES[province] ?? []) {
      units.push({ id: `${pid}-${slug(commune)}`, name: commune, level: 'commune', parent: pid });
    }
    for (let i = 1; i <= GENERATED_PER_PROVINCE; i++) {
      const n = String(i).padStart(2, '0');
      units.push({ id: `${pid}-xa-mau-${n}`, name: `Xã Mẫu ${n} (${province.replace(/^(Thành phố|Tỉnh) /u, '')})`, level: 'commune', parent: pid, generated: true });
    }
  }
  return units;
}

const header = `# Org units of the two-level government (from 2025-07-01, Resolution 202/2025/QH15:
# 34 provincial units, 6 centrally-run cities and 28 provinces; district level abolished).
# GENERATED by scripts/generate-units.ts: edit the script, not this file.
# Communes: real names are best-known and should be confirmed against the official lists;
# units with \`generated: true\` are FICTIONAL ("Xã Mẫu NN") and exist for tests and demos.
`;

const units = build();
const ids = new Set(units.map((u) => u.id));
if (ids.size !== units.length) throw new Error('duplicate unit id');
writeFileSync(new URL('../procedures/catalogues/units.yaml', import.meta.url), header + stringify(units, { lineWidth: 0 }));
console.log(`${units.length} units written`);
