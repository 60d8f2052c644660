import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsNotEmpty, IsString, Min, ValidateNested, validateSync } from 'class-validator';
import { ProblemException } from './problem';
import { createValidationPipe, flattenValidationErrors, validationProblem } from './validation';

class Address {
  @IsString() @IsNotEmpty() city!: string;
}

class Person {
  @IsString() @IsNotEmpty() name!: string;
  @IsEmail() email!: string;
  @IsInt() @Min(0) age!: number;
  @ValidateNested() @Type(() => Address) address!: Address;
  @ValidateNested({ each: true }) @Type(() => Address) previous!: Address[];
}

function invalid(): Person {
  const person = Object.assign(new Person(), { name: '', email: 'nope', age: -1 });
  person.address = Object.assign(new Address(), { city: '' });
  person.previous = [Object.assign(new Address(), { city: 'Gent' }), Object.assign(new Address(), { city: 3 })];
  return person;
}

describe('flattenValidationErrors', () => {
  it('lists every failed rule of every field, nested paths dotted', () => {
    const errors = flattenValidationErrors(validateSync(invalid()));
    expect(errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual(
      [
        'address.city:isNotEmpty',
        'age:min',
        'email:isEmail',
        'name:isNotEmpty',
        'previous.1.city:isString',
      ].sort(),
    );
    expect(errors.every((e) => e.message.length > 0)).toBe(true);
  });

  it('names the forbidden-property rule unknownProperty', () => {
    expect(
      flattenValidationErrors([{ property: 'extra', constraints: { whitelistValidation: 'property extra should not exist' }, children: [] }]),
    ).toEqual([{ field: 'extra', code: 'unknownProperty', message: 'property extra should not exist' }]);
  });
});

describe('validationProblem', () => {
  it('is a 400 problem with the field errors', () => {
    const problem = validationProblem(validateSync(invalid()));
    expect(problem).toBeInstanceOf(ProblemException);
    expect(problem.problem.status).toBe(400);
    expect(problem.problem.code).toBe('REQUEST.VALIDATION_FAILED');
    expect((problem.problem.extensions?.errors as unknown[]).length).toBe(5);
  });
});

describe('createValidationPipe', () => {
  it('rejects unknown properties and reports every bad field', async () => {
    const pipe = createValidationPipe();
    const error = await pipe
      .transform({ name: '', email: 'x', age: 3, address: { city: 'Gent' }, previous: [], hacker: true }, { type: 'body', metatype: Person })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemException);
    const fields = ((error as ProblemException).problem.extensions?.errors as { field: string; code: string }[]).map((e) => `${e.field}:${e.code}`);
    expect(fields.sort()).toEqual(['email:isEmail', 'hacker:unknownProperty', 'name:isNotEmpty']);
  });

  it('transforms a valid body into the DTO class', async () => {
    const value = await createValidationPipe().transform(
      { name: 'Ann', email: 'ann@example.com', age: 30, address: { city: 'Gent' }, previous: [] },
      { type: 'body', metatype: Person },
    );
    expect(value).toBeInstanceOf(Person);
    expect((value as Person).address).toBeInstanceOf(Address);
  });
});
