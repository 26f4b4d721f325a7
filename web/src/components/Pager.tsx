import { Link } from "../lib/router.tsx";

/** Previous and next links for a page of a connection; either may be missing. */
export function Pager({ label, previous, next }: { label: string; previous?: { href: string } | null; next?: { href: string } | null }) {
  if (!previous && !next) return null;
  return (
    <nav className="pager" aria-label={label}>
      {previous ? (
        <Link href={previous.href} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={next.href} rel="next">
          Next →
        </Link>
      ) : null}
    </nav>
  );
}
