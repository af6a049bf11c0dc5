/**
 * Vietnamese search without diacritics: "dang ky khai sinh" finds "Đăng ký khai sinh".
 * NFD splits letters from their marks; đ/Đ has no decomposition and is mapped by hand.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
