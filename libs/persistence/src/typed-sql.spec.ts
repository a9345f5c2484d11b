import { sql } from 'kysely';
import { prepare, qb, unnestRows } from './typed-sql';

describe('prepare', () => {
  const byIdentity = prepare((v: { identityId: string; keys: string[] }) =>
    qb
      .selectFrom('conversation_input')
      .select(['id', 'input_key'])
      .where('identity_id', '=', v.identityId)
      .where(sql<boolean>`input_key = ANY(${v.keys}::text[])`)
      .limit(2),
  );

  it('answers the same SQL with each call’s values in their places, constants kept', () => {
    const first = byIdentity({ identityId: 'a', keys: ['k1', 'k2'] });
    const second = byIdentity({ identityId: 'b', keys: [] });
    expect(second.sql).toBe(first.sql);
    expect(first.sql).toBe('select "id", "input_key" from "conversation_input" where "identity_id" = $1 and input_key = ANY($2::text[]) limit $3');
    expect(first.parameters).toEqual(['a', ['k1', 'k2'], 2]);
    expect(second.parameters).toEqual(['b', [], 2]);
  });

  it('compiles as the builder does', () => {
    const built = qb.selectFrom('conversation_input').select(['id', 'input_key']).where('identity_id', '=', 'a').where(sql<boolean>`input_key = ANY(${['k1']}::text[])`).limit(2).compile();
    expect(byIdentity({ identityId: 'a', keys: ['k1'] }).sql).toBe(built.sql);
  });

  it('refuses a query that uses a value other than by placing it', () => {
    const misused = prepare((v: { keys: string[] }) => qb.selectFrom('conversation_input').select('id').where('input_key', '=', v.keys[0]));
    expect(() => misused({ keys: ['k'] })).toThrow('it used keys otherwise');
  });
});

describe('unnestRows', () => {
  it('names each column once, with its type, in the order of the types, and numbers the rows', () => {
    const rows = unnestRows<{ id: string; topic: string | null }>('w', { id: 'uuid', topic: 'text' }, { id: ['a', 'b'], topic: ['x', null] }).compile(qb);
    expect(rows.sql).toBe('(SELECT * FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS "w" ("id", "topic", ord))');
    expect(rows.parameters).toEqual([
      ['a', 'b'],
      ['x', null],
    ]);
  });
});
