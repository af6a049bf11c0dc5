import { href } from '../lib/route';

/** Shown on pages that need a signed-in user. */
export function SignInFirst({ back }: { back: string[] }) {
  return (
    <p className="notice warn" role="alert">
      Bạn cần đăng nhập để xem trang này. <a href={href('login', ...back)}>Đăng nhập (sign in)</a>
    </p>
  );
}
