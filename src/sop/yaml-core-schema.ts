/**
 * A js-yaml schema that resolves plain scalars exactly like the `yaml` package's YAML 1.2 core
 * schema. js-yaml's own `CORE_SCHEMA` differs at the edges (`0b101`, `1_000` and `-.5` are numbers
 * there, strings or other numbers in `yaml`), and the fast path must produce the same data.
 *
 * @packageDocumentation
 */
import { FAILSAFE_SCHEMA, type Schema, Type } from 'js-yaml';

// Patterns and conversions copied from `yaml`'s core schema tags (null, bool, int, float) so both
// parsers agree value for value, including `parseInt` giving -0 for "-0".
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_DEC = /^[-+]?[0-9]+$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$|^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (text: string) => NULL.test(text),
  construct: () => null,
});

const boolType = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (text: string) => BOOL.test(text),
  construct: (text: string) => text[0] === 't' || text[0] === 'T',
});

const intType = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (text: string) => INT_DEC.test(text) || INT_OCT.test(text) || INT_HEX.test(text),
  construct: (text: string) => {
    if (INT_OCT.test(text)) return parseInt(text.substring(2), 8);
    if (INT_HEX.test(text)) return parseInt(text.substring(2), 16);
    return parseInt(text, 10);
  },
});

const floatType = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (text: string) => FLOAT_SPECIAL.test(text) || FLOAT.test(text),
  construct: (text: string) => {
    if (!FLOAT_SPECIAL.test(text)) return parseFloat(text);
    if (text.slice(-3).toLowerCase() === 'nan') return Number.NaN;
    return text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  },
});

/** js-yaml schema equivalent to `yaml`'s default (YAML 1.2 core) schema, without merge keys. */
export const YAML_CORE_SCHEMA: Schema = FAILSAFE_SCHEMA.extend({ implicit: [nullType, boolType, intType, floatType] });
