// One rule for VINs, shared by the records import, enroll, addVehicle and enrollmentAccountCheck,
// so a vehicle that can be imported can be named.

/** The rule in words, fit to show a person or to name in an import problem. */
export const VIN_RULE = "17 letters and digits, without I, O or Q";

// I, O and Q are never used in a VIN (they read as 1 and 0).
const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;

/**
 * The VIN as stored and matched (trimmed and upper-cased: VINs compare without regard to case),
 * or null when it breaks VIN_RULE.
 */
export function normaliseVin(value: string): string | null {
  const vin = value.trim().toUpperCase();
  return VIN.test(vin) ? vin : null;
}
