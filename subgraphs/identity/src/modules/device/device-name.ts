// The one device-name rule, shared with the other subgraph that checks device names.
export { DEVICE_NAME_MAX_LENGTH, DEVICE_NAME_RULE, normaliseDeviceName } from "@oa/platform";
