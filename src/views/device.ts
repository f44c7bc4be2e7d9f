// A device Cognito tracks for a user (ListDevices, AdminListDevices), one view for every command
// that prints one. Cognito's device attributes (device_name, device_status, last_ip_used) become
// named fields.
import type { DeviceType } from '@aws-sdk/client-cognito-identity-provider';
import type { Column } from '../io/output.js';

export interface DeviceView {
  key: string;
  name?: string;
  /** remembered | not_remembered, as Cognito names it. */
  remembered?: string;
  lastIp?: string;
  created?: Date;
  lastAuthenticated?: Date;
  modified?: Date;
  /** True for the device saved on this machine (auth devices only). */
  thisDevice?: boolean;
}

export function deviceView(device: DeviceType, thisDeviceKey?: string): DeviceView {
  const attributes = Object.fromEntries((device.DeviceAttributes ?? []).map((a) => [a.Name ?? '', a.Value ?? '']));
  const view: DeviceView = {
    key: device.DeviceKey ?? '',
    name: attributes.device_name || undefined,
    remembered: attributes['dev:device_remembered_status'] || undefined,
    lastIp: attributes.last_ip_used || undefined,
    created: device.DeviceCreateDate,
    lastAuthenticated: device.DeviceLastAuthenticatedDate,
    modified: device.DeviceLastModifiedDate,
  };
  if (thisDeviceKey !== undefined) view.thisDevice = view.key === thisDeviceKey;
  return view;
}

export const DEVICE_COLUMNS: Column<DeviceView>[] = [
  { header: 'KEY', get: (d) => (d.thisDevice ? `${d.key} (this device)` : d.key) },
  { header: 'NAME', get: (d) => d.name },
  { header: 'REMEMBERED', get: (d) => d.remembered },
  { header: 'LAST SIGN-IN', get: (d) => d.lastAuthenticated },
  { header: 'LAST IP', get: (d) => d.lastIp },
];
