// Who is signed in, for any page or route on the server: the lower-cased email, or null.
import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { getAuthOptions } from "@/server/portal/auth-options";

/**
 * The one way other domains (the seller dashboard, licenses) learn who is signed in: next-auth's
 * database session, read from the request's cookie. Call it in Server Components and route
 * handlers; it is memoised per request. Authorise with it, never with an id the client sent.
 */
export const getSignedInEmail = cache(async (): Promise<string | null> => {
  const session = await getServerSession(getAuthOptions());
  const email = session?.user?.email;
  return email ? email.toLowerCase() : null;
});
