import { ACCOUNT_NUMBER_RULE, normaliseAccountNumber, normaliseTaxId, normaliseVin, TAX_ID_RULE, VIN_RULE } from "@oa/platform";
import { z } from "zod";
import { normalisedText, oneOf, optionalText, requiredText, wholeNumber } from "./record-fields";

const E164 = /^\+[1-9]\d{7,14}$/;
// Deliberately simple: one @, no spaces, a dot in the domain. Delivery is the real test.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(value: string, today: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && year >= 1900 && value <= today;
}

/** What the schemas need to know beyond one record: today's date, and the customers a holder may name. */
export interface RecordContext {
  /** YYYY-MM-DD: birth dates may not be later. */
  today: string;
  /** The file's customer ids and those already in the database. */
  customerIds: ReadonlySet<string>;
}

const accountNumber = normalisedText(normaliseAccountNumber, ACCOUNT_NUMBER_RULE);
// Platform's rules, the ones enroll and addVehicle apply. A refusal never repeats the tax id.
const taxId = normalisedText(normaliseTaxId, TAX_ID_RULE);
const vin = normalisedText(normaliseVin, VIN_RULE);

/** A record, unknown fields refused, and the object itself named when it is not one. */
function record<Shape extends z.ZodRawShape>(shape: Shape, notAnObject = "must be an object") {
  return z.strictObject(shape, { error: (issue) => (issue.code === "invalid_type" ? notAnObject : undefined) });
}

export function customerSchema(context: Pick<RecordContext, "today">) {
  return record({
    id: requiredText,
    taxId,
    firstName: requiredText,
    lastName: requiredText,
    dateOfBirth: requiredText.refine((value) => isRealDate(value, context.today), { error: "must be a real date as YYYY-MM-DD, from 1900 to today" }),
    email: optionalText.refine((value) => value === null || (value.length <= 254 && EMAIL.test(value)), {
      error: "must be an email address (name@domain) or omitted",
    }),
    mobilePhone: optionalText.refine((value) => value === null || E164.test(value), { error: "must be an E.164 number such as +13135550101, or omitted" }),
  });
}

/** A holder's customer id: one of the file's customers or of those on file. */
function customerId(context: Pick<RecordContext, "customerIds">) {
  return z
    .string({ error: "must be a customer id" })
    .trim()
    .min(1, { error: "must be a customer id" })
    .refine((id) => context.customerIds.has(id), { error: (issue) => `unknown customer "${String(issue.input).trim()}"` });
}

/**
 * One or more holders, each checked by `holder`, none named twice (`idOf` says whom a holder names,
 * `twiceAt` where to say so). Every holder is checked, the good ones against each other for repeats.
 */
function holderList<Holder>(holder: z.ZodType<Holder>, idOf: (holder: Holder) => string, twiceAt: (index: number) => PropertyKey[]) {
  return z.array(z.unknown(), { error: "must be an array" }).pipe(
    z
      .array(z.unknown())
      .min(1, { error: "must name at least one holder", abort: true })
      .transform((items, refinement) => {
        const holders: Holder[] = [];
        const named = new Set<string>();
        items.forEach((item, index) => {
          const result = holder.safeParse(item);
          if (!result.success) {
            for (const issue of result.error.issues) refinement.addIssue({ ...issue, path: [index, ...issue.path] } as Parameters<typeof refinement.addIssue>[0]);
            return;
          }
          const id = idOf(result.data);
          if (named.has(id)) refinement.addIssue({ code: "custom", path: twiceAt(index), message: `names customer "${id}" twice`, input: id });
          named.add(id);
          holders.push(result.data);
        });
        return holders;
      }),
  );
}

export function depositAccountSchema(context: Pick<RecordContext, "customerIds">) {
  return record({
    accountNumber,
    product: oneOf(["BANK", "INVEST"]),
    holders: holderList(
      customerId(context),
      (id) => id,
      (index) => [index],
    ),
  });
}

export function vehicleAccountSchema(context: Pick<RecordContext, "customerIds">) {
  const holder = record(
    { customerId: customerId(context), role: z.enum(["PRIMARY", "JOINT"], { error: "must be PRIMARY or JOINT" }) },
    "must be an object with customerId and role",
  );
  return record({
    accountNumber,
    vin,
    year: wholeNumber(1900, 2100),
    make: requiredText,
    model: requiredText,
    creditor: requiredText,
    contract: oneOf(["RETAIL_INSTALLMENT", "SMARTLEASE", "BALLOON"]),
    status: oneOf(["ACTIVE", "PAID_IN_FULL", "VEHICLE_RETURNED", "CLOSED", "CANCELED"]),
    holders: holderList(
      holder,
      (one) => one.customerId,
      (index) => [index, "customerId"],
    ).superRefine((holders, refinement) => {
      const primaries = holders.filter((one) => one.role === "PRIMARY").length;
      if (holders.length > 0 && primaries !== 1)
        refinement.addIssue({ code: "custom", message: `must have exactly one PRIMARY holder (${primaries} given), the others JOINT`, input: holders });
    }),
  });
}

/** The top level of a records file: exactly the three arrays (their records are checked one by one). */
export const recordsFileSchema = z.strictObject(
  Object.fromEntries(
    (["customers", "depositAccounts", "vehicleAccounts"] as const).map((key) => [
      key,
      z.array(z.unknown(), { error: (issue) => (issue.input === undefined ? "is missing (an array is required, it may be empty)" : "must be an array") }),
    ]),
  ) as Record<"customers" | "depositAccounts" | "vehicleAccounts", z.ZodArray<z.ZodUnknown>>,
  { error: (issue) => (issue.code === "invalid_type" ? "the file must hold one JSON object with customers, depositAccounts and vehicleAccounts" : undefined) },
);
