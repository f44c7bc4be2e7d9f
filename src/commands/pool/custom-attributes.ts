// `--custom-attribute name:type[:mutable|immutable][:min-max]`: the custom attributes of a pool,
// for `pool create` and `pool add-attribute`. Cognito can neither remove nor change a custom
// attribute once it exists, so every part is checked before any request.
import { InvalidArgumentError } from 'commander';
import type { SchemaAttributeType } from '@aws-sdk/client-cognito-identity-provider';

const TYPES: Record<string, 'String' | 'Number' | 'DateTime' | 'Boolean'> = {
  string: 'String',
  number: 'Number',
  datetime: 'DateTime',
  boolean: 'Boolean',
};
// Cognito: 1 to 20 characters (the name after `custom:`).
const NAME = /^[\p{L}\p{M}\p{N}_.-]{1,20}$/u;
const MAX_STRING_LENGTH = 2048;

export const CUSTOM_ATTRIBUTE_SYNTAX = 'name:type[:mutable|immutable][:min-max], type string, number, datetime or boolean';

/** Parses one spec; commander shows the message as `option '--custom-attribute …' argument … is invalid`. */
export function parseCustomAttribute(spec: string): SchemaAttributeType {
  const [rawName = '', rawType = '', ...rest] = spec.split(':').map((p, i) => (i === 0 ? p : p.trim()));
  // `custom:tier:string` names the attribute as it appears on users; the prefix is not part of the name.
  const parts = rawName === 'custom' ? [rawType, ...rest] : [rawName, rawType, ...rest];
  const [name = '', typeName = '', ...options] = parts;
  if (!NAME.test(name)) throw invalid(spec, `the name "${name}" must be 1 to 20 letters, digits, _ . or -`);
  const type = TYPES[typeName.toLowerCase()];
  if (!type) throw invalid(spec, `unknown type "${typeName}"`);

  const attribute: SchemaAttributeType = { Name: name, AttributeDataType: type, Mutable: true };
  for (const option of options) {
    if (option === 'mutable' || option === 'immutable') {
      attribute.Mutable = option === 'mutable';
    } else if (/^\d+-\d+$/.test(option)) {
      const [min, max] = option.split('-').map(Number) as [number, number];
      if (min > max) throw invalid(spec, `the range ${option} runs backwards`);
      if (type === 'String') {
        if (max > MAX_STRING_LENGTH) throw invalid(spec, `a string is at most ${MAX_STRING_LENGTH} characters`);
        attribute.StringAttributeConstraints = { MinLength: String(min), MaxLength: String(max) };
      } else if (type === 'Number') {
        attribute.NumberAttributeConstraints = { MinValue: String(min), MaxValue: String(max) };
      } else {
        throw invalid(spec, `a ${typeName} attribute takes no range`);
      }
    } else {
      throw invalid(spec, `"${option}" is neither mutable, immutable nor a range min-max`);
    }
  }
  return attribute;
}

/** For commander: a repeatable option collecting parsed specs, with duplicates refused. */
export function collectCustomAttributes(spec: string, previous: SchemaAttributeType[] | undefined): SchemaAttributeType[] {
  const attribute = parseCustomAttribute(spec);
  if (previous?.some((a) => a.Name === attribute.Name)) throw invalid(spec, `custom:${attribute.Name} is named twice`);
  return [...(previous ?? []), attribute];
}

function invalid(spec: string, why: string): InvalidArgumentError {
  return new InvalidArgumentError(`"${spec}": ${why} (expected ${CUSTOM_ATTRIBUTE_SYNTAX})`);
}
