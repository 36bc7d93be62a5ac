// A license key in the library: its active devices, each with "Deactivate", and "Reset all activations".
import type { BuyerLicense } from "@/server/licenses/list-buyer-licenses";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function describeSlots({ activations, activationLimit }: BuyerLicense): string {
  if (activationLimit === null) return activations.length === 0 ? "Not active on any device yet (no device limit)." : `Active on ${plural(activations.length, "device")} (no device limit).`;
  if (activations.length === 0) return `Not active on any device yet (up to ${plural(activationLimit, "device")}).`;
  return `Active on ${activations.length} of ${plural(activationLimit, "device")}.`;
}

/** Resetting is for a machine that is gone: offered only when something is active, once per cool-down. */
function ResetAll({ license }: { license: BuyerLicense }) {
  if (license.activations.length === 0) return null;
  if (license.nextResetAt) {
    return (
      <p className="hint" data-testid="reset-wait">
        {`You reset this key's devices recently; you can reset them all again on ${dateFormat.format(license.nextResetAt)}. Until then, deactivate devices one by one.`}
      </p>
    );
  }
  const often = license.resetCooldownDays > 0 ? ` You can do this once every ${plural(license.resetCooldownDays, "day")}.` : "";
  return (
    <form method="post" action="/portal/licenses/reset" className="reset-all">
      <input type="hidden" name="license" value={license.id} />
      <button className="button secondary" type="submit">
        Reset all activations
      </button>
      <p className="hint">Lost or replaced a computer you can no longer deactivate from? This deactivates every device at once.{often}</p>
    </form>
  );
}

export function LicenseActivations({ license }: { license: BuyerLicense }) {
  const listId = `license-${license.id}-devices`;
  return (
    <div className="license" data-testid="license">
      <p>
        License key: <span className="key" data-testid="license-key">{license.key}</span>
      </p>
      {license.standing.code === "VALID" ? null : <p className="access access-revoked">{license.standing.error}</p>}
      <p className="hint" id={listId}>
        {describeSlots(license)}
      </p>
      {license.activations.length > 0 ? (
        <ul className="activations" aria-labelledby={listId}>
          {license.activations.map((activation) => (
            <li key={activation.id} data-testid="activation">
              <span>
                <strong>{activation.name}</strong> <span className="muted">· since {dateFormat.format(activation.createdAt)}</span>
              </span>
              <form method="post" action="/portal/licenses/deactivate">
                <input type="hidden" name="activation" value={activation.id} />
                <button className="button secondary" type="submit" aria-label={`Deactivate ${activation.name}`}>
                  Deactivate
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : null}
      <ResetAll license={license} />
    </div>
  );
}
