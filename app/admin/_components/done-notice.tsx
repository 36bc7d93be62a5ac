// What the last action did, in words, and the fresh links when that action issued them.
import type { DoneNotice as Notice } from "@/server/admin/get-done-notice";
import { When } from "./when";

export function DoneNotice({ notice }: { notice: Notice | null }) {
  if (!notice) return null;
  return (
    <div className="admin-notice" role="status">
      <strong>Done.</strong> {notice.text}
      {notice.freshLinks ? (
        <ul className="fresh-links" aria-label="Fresh download links">
          {notice.freshLinks.map((product) =>
            product.links.map((link) => (
              <li key={link.url}>
                <label>
                  {product.productName}: {link.name} (valid until <When date={product.expiresAt} />)
                  <input type="text" readOnly value={link.url} />
                </label>
              </li>
            )),
          )}
        </ul>
      ) : null}
    </div>
  );
}
