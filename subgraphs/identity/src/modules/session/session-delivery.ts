import { registerEnumType } from "type-graphql";

/** How a new session is handed over (LoginInput and VerifyStepUpInput.sessionDelivery). */
export enum SessionDelivery {
  BEARER = "BEARER",
  COOKIE = "COOKIE",
}

registerEnumType(SessionDelivery, {
  name: "SessionDelivery",
  description: "How a new session is handed over: in the answer (BEARER) or in a cookie (COOKIE).",
  valuesConfig: {
    BEARER: { description: "The token in the response body, sent back as 'Authorization: Bearer <accessToken>' (apps)." },
    COOKIE: {
      description:
        "For web pages: the gateway sets the session as an HttpOnly, Secure, SameSite=Strict cookie\n" +
        "and the response carries no token (Session.accessToken and refreshToken are null).",
    },
  },
});
