import { RefreshSessionResolver } from "../../flows/refresh/refresh-session.resolver";
import { DeviceSessionsResolver } from "./device-sessions.resolver";
import { EndSessionResolver } from "./end-session.resolver";
import { LogoutResolver } from "./logout.resolver";
import { SessionResolver } from "./session.resolver";
import { UserSessionsResolver } from "./user-sessions.resolver";

/** Everything of sessions in identity's schema: logging out, ending sessions, seeing them, renewing them. */
export const sessionResolvers = [LogoutResolver, EndSessionResolver, SessionResolver, UserSessionsResolver, RefreshSessionResolver, DeviceSessionsResolver] as const;
