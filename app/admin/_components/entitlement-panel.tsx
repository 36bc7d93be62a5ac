// One product of an order: its downloads, license key and access, with the levers the seller may pull.
import type { OrderTimeline } from "@/server/admin/get-order-timeline";
import { ActionForm, ReasonField } from "./action-button";
import { StatusBadge } from "./status-badge";
import { When } from "./when";

type Entitlement = OrderTimeline["entitlements"][number];

export function EntitlementPanel({ entitlement }: { entitlement: Entitlement }) {
  const base = `/api/admin/entitlements/${entitlement.id}`;
  const key = entitlement.licenseKey;
  return (
    <div className="entitlement" data-testid="entitlement">
      <h3>
        {entitlement.productName}
        {entitlement.revokedAt ? <StatusBadge status="revoked" label="access revoked" /> : <StatusBadge status="paid" label="access open" />}
      </h3>
      <dl className="facts">
        <dt>Downloads</dt>
        <dd>
          {entitlement.downloadsUsed} used · {entitlement.downloadsLeftText}
        </dd>
        <dt>Files</dt>
        <dd>{entitlement.fileNames.join(", ")}</dd>
        {key ? (
          <>
            <dt>License key</dt>
            <dd>
              <span className="mono">{key.key}</span> · {key.activationUsage} of {key.activationLimit ?? "unlimited"} activations
            </dd>
          </>
        ) : null}
        {entitlement.revokedAt ? (
          <>
            <dt>Revoked</dt>
            <dd>
              <When date={entitlement.revokedAt} /> · {entitlement.revokedReason ?? "no reason recorded"}
            </dd>
          </>
        ) : null}
      </dl>
      <div className="actions">
        <ActionForm action={`${base}/reset-downloads`} label="Reset download count">
          <ReasonField id={`reset-${entitlement.id}`} />
        </ActionForm>
        {entitlement.downloadLimit !== null ? (
          <ActionForm action={`${base}/extend-limit`} label="Extend limit">
            <label className="visually-hidden" htmlFor={`add-${entitlement.id}`}>
              Downloads to add
            </label>
            <input id={`add-${entitlement.id}`} name="add" type="number" min={1} max={1000} defaultValue={3} />
            <label className="inline">
              <input type="checkbox" name="unlimited" value="1" /> unlimited
            </label>
            <ReasonField id={`extend-${entitlement.id}`} />
          </ActionForm>
        ) : null}
        {entitlement.revokedAt ? (
          entitlement.isAdminRevocation ? (
            <ActionForm action={`${base}/restore`} label="Restore access" tone="primary">
              <ReasonField id={`restore-${entitlement.id}`} required />
            </ActionForm>
          ) : (
            <p className="hint">Revoked by a refund or a dispute: it follows Stripe, so it cannot be restored here.</p>
          )
        ) : (
          <ActionForm action={`${base}/revoke`} label="Revoke access" tone="danger" hint="Links and the license key stop working at once. Restore undoes it.">
            <ReasonField id={`revoke-${entitlement.id}`} required />
          </ActionForm>
        )}
      </div>
    </div>
  );
}
