import {
  OperationNodeTransformer,
  PrimitiveValueListNode,
  ValueNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";

/**
 * Sends every `Date` parameter as a `timestamptz` literal PostgreSQL reads whatever its year. Drivers
 * differ here: PGlite sends `toISOString()`, whose extended years (`+275760-09-13…`, the last
 * instant a `Date` holds, which callers use as "no upper bound") PostgreSQL rejects. Years before
 * 4713 BC, below PostgreSQL's range, become `-infinity`.
 */
export class TimestampParameters implements KyselyPlugin {
  private readonly transformer = new DateValueTransformer();

  /** Rewrites the query's `Date` values. */
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node);
  }

  /** Results are left as the driver parsed them. */
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

class DateValueTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    return node.value instanceof Date ? ValueNode.create(timestamptzLiteral(node.value)) : node;
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    if (!node.values.some((value) => value instanceof Date)) return node;
    return PrimitiveValueListNode.create(node.values.map((value) => (value instanceof Date ? timestamptzLiteral(value) : value)));
  }
}

/** `YYYY-MM-DD HH:MM:SS.mmm+00` (with ` BC` before year 1), in UTC. */
export function timestamptzLiteral(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError("An invalid Date cannot be stored.");
  const year = date.getUTCFullYear();
  if (year < -4712) return "-infinity";
  const pad = (value: number, width = 2): string => String(value).padStart(width, "0");
  const era = year <= 0 ? " BC" : "";
  const day = `${pad(year <= 0 ? 1 - year : year, 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}`;
  return `${day} ${time}+00${era}`;
}
