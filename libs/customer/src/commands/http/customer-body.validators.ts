import { registerDecorator, type ValidationArguments } from 'class-validator';

/**
 * The value is a string, `null` or absent. Unlike `@IsOptional() @IsString()`
 * it leaves the property's other rules running when the value is absent, which
 * {@link AgreesWithAliases} needs. Reported under class-validator's `isString` code.
 */
export function IsNullableString(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isString',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => value === undefined || value === null || typeof value === 'string',
        defaultMessage: (args?: ValidationArguments) => `${args?.property} must be a string or null`,
      },
    });
}

/**
 * A field with other spellings on the wire (`firstName` / `firstname`): any of
 * them may be sent, but two of them with different values is an error, reported
 * on this (the canonical) field under the code `conflictingAliases`.
 */
export function AgreesWithAliases(aliases: readonly string[]): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    const names = [String(propertyName), ...aliases];
    registerDecorator({
      name: 'conflictingAliases',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (_value: unknown, args?: ValidationArguments) => {
          const body = (args?.object ?? {}) as Record<string, unknown>;
          const given = names.filter((name) => body[name] !== undefined).map((name) => body[name]);
          return given.every((value) => value === given[0]);
        },
        defaultMessage: (args?: ValidationArguments) => {
          const body = (args?.object ?? {}) as Record<string, unknown>;
          const given = names.filter((name) => body[name] !== undefined);
          return `${given.join(' and ')} name the same field but have different values: send one of them`;
        },
      },
    });
  };
}
